namespace Moderation.Storage.Posts;

/// <summary>One revision of a post as received from the forum.</summary>
public sealed record PostRecord
{
    public required string BoardId { get; init; }

    public required string PostId { get; init; }

    public int Revision { get; init; }

    public required string Channel { get; init; }

    public required string AuthorId { get; init; }

    public string? Title { get; init; }

    public required string Body { get; init; }

    public DateTimeOffset SubmittedAt { get; init; }

    public DateTimeOffset ReceivedAt { get; init; }

    public string? SourceOutlet { get; init; }

    public string? SourceConsent { get; init; }
}
