using Moderation.Contracts;

namespace Moderation.Api.Posts;

/// <summary>The newest revision of a post and its verdict, as <c>GET /api/v1/boards/{boardId}/posts/{postId}</c> shows it.</summary>
public sealed record PostStatus
{
    public required string BoardId { get; init; }

    public required string PostId { get; init; }

    public int Revision { get; init; }

    /// <summary><c>pending</c> (waiting for its scan), <c>scanned</c> or <c>withdrawn</c>.</summary>
    public required string Status { get; init; }

    public VerdictAction? Action { get; init; }

    public double? Score { get; init; }

    public IReadOnlyList<VerdictReason> Reasons { get; init; } = [];

    public string? RuleSetVersion { get; init; }

    public DateTimeOffset ReceivedAt { get; init; }

    public DateTimeOffset? ScannedAt { get; init; }

    public DateTimeOffset? WithdrawnAt { get; init; }
}
