namespace Moderation.Storage.Outbox;

/// <summary>A message to send to a queue once the transaction that decided it has committed.</summary>
public sealed record OutboundMessage(string Destination, string MessageType, string PayloadJson);
