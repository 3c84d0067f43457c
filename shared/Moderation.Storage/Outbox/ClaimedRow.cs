namespace Moderation.Storage.Outbox;

/// <summary>A message to write claimed by its writer, created at <see cref="CreatedAt"/> in the trace <see cref="TraceParent"/>.</summary>
public sealed record ClaimedRow(OutboundMessage Message, DateTimeOffset CreatedAt, string? TraceParent);
