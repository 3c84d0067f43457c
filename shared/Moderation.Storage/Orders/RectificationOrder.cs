namespace Moderation.Storage.Orders;

/// <summary>A rectification order on a board (Art. 13).</summary>
public sealed record RectificationOrder
{
    public required string OrderId { get; init; }

    public required string BoardId { get; init; }

    public required string DivisionCode { get; init; }

    public required string Requirements { get; init; }

    public DateTimeOffset Deadline { get; init; }

    public required string Status { get; init; }

    public required string IssuedBy { get; init; }

    public DateTimeOffset IssuedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    public string? CompletedBy { get; init; }

    public DateTimeOffset? EscalatedAt { get; init; }

    public DateTimeOffset? SuspendedAt { get; init; }

    public string? SuspendedBy { get; init; }

    public bool IsOverdue(DateTimeOffset now) => CompletedAt is null && Deadline < now;
}
