namespace Moderation.Storage.Outbox;

/// <summary>
/// A message to send to a queue once the transaction that decided it has committed, in its stored
/// form. <c>Moderation.Outbox</c> derives the form that also carries the message object, so the
/// sender after commit sends that object rather than reading the JSON back.
/// </summary>
public record OutboundMessage(string Destination, string MessageType, string PayloadJson)
{
    /// <summary>
    /// The posts the message is about (a verdict's or rejection's post, every target of a takedown),
    /// stored beside it so a forum reading over HTTP finds a post's verdicts at every stage.
    /// </summary>
    public IReadOnlyList<PostKey> Posts { get; init; } = [];
}

/// <summary>A post as forums name it: its board and its id on that board.</summary>
public sealed record PostKey(string BoardId, string PostId);
