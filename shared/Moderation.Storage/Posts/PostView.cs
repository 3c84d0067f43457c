namespace Moderation.Storage.Posts;

/// <summary>The newest revision of a post and, once scanned, its verdict.</summary>
public sealed record PostView
{
    public required string BoardId { get; init; }

    public required string PostId { get; init; }

    public int Revision { get; init; }

    public DateTimeOffset ReceivedAt { get; init; }

    public DateTimeOffset? WithdrawnAt { get; init; }

    /// <summary>Null while the revision waits for its scan.</summary>
    public ScanView? Scan { get; init; }
}
