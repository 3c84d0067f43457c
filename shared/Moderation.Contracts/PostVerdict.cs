namespace Moderation.Contracts;

/// <summary>
/// The decision on one revision of a post, sent to the operator's own verdict queue.
/// Delivery is at least once: the forum applies it idempotently on (BoardId, PostId, Revision, Stage).
/// </summary>
public sealed record PostVerdict
{
    public required string BoardId { get; init; }

    public required string PostId { get; init; }

    public int Revision { get; init; }

    public VerdictAction Action { get; init; }

    public VerdictStage Stage { get; init; }

    /// <summary>Combined suspicion score in [0, 1].</summary>
    public double Score { get; init; }

    public IReadOnlyList<VerdictReason> Reasons { get; init; } = [];

    /// <summary>The version of the rule set that produced the score.</summary>
    public string? RuleSetVersion { get; init; }

    /// <summary>The version of the classifier whose probability was fused into the score; null when no model scored the post.</summary>
    public string? ModelVersion { get; init; }

    public DateTimeOffset DecidedAt { get; init; }
}
