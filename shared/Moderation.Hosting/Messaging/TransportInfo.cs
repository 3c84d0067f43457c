namespace Moderation.Hosting.Messaging;

/// <summary>Which transport the bus uses, and as which broker user this service connects.</summary>
public sealed record TransportInfo(TransportKind Kind, string? ServiceUser);
