namespace Moderation.Contracts;

/// <summary>
/// A forum publishes this for every new post and for every edit of a post (a new <see cref="Revision"/>).
/// Idempotent on (<see cref="BoardId"/>, <see cref="PostId"/>, <see cref="Revision"/>): sending it twice has one effect.
/// </summary>
public sealed record PostSubmitted
{
    /// <summary>The registered board the post was written on.</summary>
    public required string BoardId { get; init; }

    /// <summary>The forum's own id of the post, unique within the board.</summary>
    public required string PostId { get; init; }

    /// <summary>0 for the first version, +1 for every edit.</summary>
    public int Revision { get; init; }

    public Channel Channel { get; init; }

    /// <summary>The forum's own id of the author (no personal data beyond what the forum already uses).</summary>
    public required string AuthorId { get; init; }

    public string? Title { get; init; }

    public required string Body { get; init; }

    public DateTimeOffset SubmittedAt { get; init; }

    /// <summary>Set when the post republishes material from elsewhere.</summary>
    public PostSource? Source { get; init; }
}
