namespace Moderation.Contracts;

/// <summary>
/// The forum deleted one target of a takedown order. Published by the operator (plain JSON, exchange
/// <c>Moderation.Contracts:TakedownCompleted</c>, with its own <c>user_id</c>); recorded once however
/// often it arrives.
/// </summary>
public sealed record TakedownCompleted
{
    public required string OrderId { get; init; }

    public required string BoardId { get; init; }

    public required string PostId { get; init; }

    public DateTimeOffset CompletedAt { get; init; }
}
