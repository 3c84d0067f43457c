namespace Moderation.Contracts;

/// <summary>The forum deleted the post (every revision of it) on its own side.</summary>
public sealed record PostWithdrawn
{
    public required string BoardId { get; init; }

    public required string PostId { get; init; }

    public DateTimeOffset WithdrawnAt { get; init; }

    public string? Reason { get; init; }
}
