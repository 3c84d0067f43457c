namespace Moderation.Api.Review.Cases;

/// <summary>One of an author's posts on a board, with the scan's action and the case it went to, if any.</summary>
public sealed record AuthorPost
{
    public required string PostId { get; init; }

    public int Revision { get; init; }

    public DateTimeOffset ReceivedAt { get; init; }

    /// <summary>Publish, Hold or Remove; null when not scanned yet.</summary>
    public string? Action { get; init; }

    public long? CaseId { get; init; }

    public string? CaseStatus { get; init; }
}
