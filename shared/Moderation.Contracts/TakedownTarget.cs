namespace Moderation.Contracts;

/// <summary>One post a takedown order covers (all its revisions).</summary>
public sealed record TakedownTarget
{
    public required string BoardId { get; init; }

    public required string PostId { get; init; }
}
