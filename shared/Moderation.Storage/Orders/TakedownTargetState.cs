namespace Moderation.Storage.Orders;

/// <summary>One post of a takedown order, and when its forum reported it deleted.</summary>
public sealed record TakedownTargetState
{
    public required string BoardId { get; init; }

    public required string PostId { get; init; }

    public required string OperatorId { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }
}
