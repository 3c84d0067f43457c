namespace Moderation.Storage.Orders;

/// <summary>A takedown order with its targets and how far the forums got.</summary>
public sealed record TakedownOrder
{
    public required string OrderId { get; init; }

    public required string DivisionCode { get; init; }

    public required string Reason { get; init; }

    public DateTimeOffset Deadline { get; init; }

    public required string Status { get; init; }

    public required string IssuedBy { get; init; }

    public DateTimeOffset IssuedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    public DateTimeOffset? EscalatedAt { get; init; }

    public IReadOnlyList<TakedownTargetState> Targets { get; init; } = [];

    public bool IsOverdue(DateTimeOffset now) => CompletedAt is null && Deadline < now;
}
