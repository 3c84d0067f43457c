using Moderation.Contracts;

namespace Moderation.Api.Posts;

/// <summary>
/// The newest revision of a post and where it stands, as <c>GET /api/v1/boards/{boardId}/posts/{postId}</c>
/// shows it: the latest decision on it (the scan's, a moderator's or a department's order) and every
/// decision sent about the post so far.
/// </summary>
public sealed record PostStatus
{
    public required string BoardId { get; init; }

    public required string PostId { get; init; }

    public int Revision { get; init; }

    /// <summary><c>pending</c> (waiting for its scan), <c>scanned</c> or <c>withdrawn</c>.</summary>
    public required string Status { get; init; }

    /// <summary>What the forum must do with the newest revision now: the latest decision's action.</summary>
    public VerdictAction? Action { get; init; }

    /// <summary>Who decided <see cref="Action"/>: the scan, a moderator's review, or a department's order.</summary>
    public VerdictStage? Stage { get; init; }

    /// <summary>When <see cref="Action"/> was decided.</summary>
    public DateTimeOffset? DecidedAt { get; init; }

    public double? Score { get; init; }

    public IReadOnlyList<VerdictReason> Reasons { get; init; } = [];

    public string? RuleSetVersion { get; init; }

    public DateTimeOffset ReceivedAt { get; init; }

    public DateTimeOffset? ScannedAt { get; init; }

    public DateTimeOffset? WithdrawnAt { get; init; }

    /// <summary>Every decision sent about this post, every revision, oldest first.</summary>
    public IReadOnlyList<PostDecision> History { get; init; } = [];
}

/// <summary>
/// One decision sent to the forum about a post: a verdict (its revision, action and stage) or a
/// takedown order (stage <c>Order</c>, action <c>Remove</c>, covering every revision).
/// </summary>
public sealed record PostDecision
{
    public VerdictStage Stage { get; init; }

    public VerdictAction Action { get; init; }

    /// <summary>The revision the verdict is on; null for an order, which covers them all.</summary>
    public int? Revision { get; init; }

    public double? Score { get; init; }

    public DateTimeOffset DecidedAt { get; init; }

    /// <summary>The takedown order's id, for stage <c>Order</c>.</summary>
    public string? OrderId { get; init; }

    /// <summary>The order's deadline, for stage <c>Order</c>.</summary>
    public DateTimeOffset? Deadline { get; init; }

    /// <summary>Where the message sits in the operator's feed (<c>GET /api/v1/verdicts</c>).</summary>
    public long Cursor { get; init; }
}
