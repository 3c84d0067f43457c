namespace Moderation.Storage.Outbox;

/// <summary>An outbox row claimed by one sender until <see cref="ClaimedUntil"/>.</summary>
public sealed record PendingMessage
{
    public long OutboxId { get; init; }

    public required string Destination { get; init; }

    public required string MessageType { get; init; }

    public required string PayloadJson { get; init; }

    public int Attempts { get; init; }

    public DateTimeOffset ClaimedUntil { get; init; }

    /// <summary>The trace of the work that wrote the row (W3C traceparent), continued by its relay.</summary>
    public string? TraceParent { get; init; }
}
