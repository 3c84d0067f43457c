namespace Moderation.Storage.Outbox;

/// <summary>
/// A message to send to a queue once the transaction that decided it has committed, in its stored
/// form. <c>Moderation.Outbox</c> derives the form that also carries the message object, so the
/// sender after commit sends that object rather than reading the JSON back.
/// </summary>
public record OutboundMessage(string Destination, string MessageType, string PayloadJson);
