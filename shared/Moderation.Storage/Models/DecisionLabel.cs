namespace Moderation.Storage.Models;

/// <summary>A moderator's final decision on one post revision with the post's text; the text is null once purged.</summary>
public sealed record DecisionLabel
{
    public long DecisionId { get; init; }

    public required string BoardId { get; init; }

    public required string PostId { get; init; }

    public int Revision { get; init; }

    /// <summary><c>Release</c> (the post was clean) or <c>Confirm</c> (it was leaked material).</summary>
    public required string Decision { get; init; }

    public DateTimeOffset DecidedAt { get; init; }

    public string? Title { get; init; }

    public string? Body { get; init; }
}
