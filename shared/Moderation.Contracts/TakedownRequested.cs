namespace Moderation.Contracts;

/// <summary>
/// A security department orders these posts deleted by <see cref="Deadline"/> (Art. 15, 17). Sent
/// to the operator's own queue; the operator deletes them and answers one <see cref="TakedownCompleted"/>
/// per target. Delivery is at least once: apply idempotently on (<see cref="OrderId"/>, board, post).
/// </summary>
public sealed record TakedownRequested
{
    public required string OrderId { get; init; }

    public IReadOnlyList<TakedownTarget> Targets { get; init; } = [];

    public DateTimeOffset Deadline { get; init; }

    /// <summary>Why, in the department's words.</summary>
    public required string Reason { get; init; }

    /// <summary>The ordering department's division code (GB/T 2260).</summary>
    public required string DivisionCode { get; init; }

    public DateTimeOffset IssuedAt { get; init; }
}
