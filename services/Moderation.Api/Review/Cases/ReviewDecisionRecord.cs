namespace Moderation.Api.Review.Cases;

/// <summary>A stored decision (<c>review_decisions</c>).</summary>
public sealed record ReviewDecisionRecord
{
    public long DecisionId { get; init; }

    public long CaseId { get; init; }

    public required string BoardId { get; init; }

    public required string PostId { get; init; }

    public int Revision { get; init; }

    /// <summary>One of <see cref="ReviewDecisionKind"/>.</summary>
    public required string Decision { get; init; }

    public required string Reason { get; init; }

    public required string DecidedBy { get; init; }

    public DateTimeOffset DecidedAt { get; init; }

    public required string RequestId { get; init; }

    public int CaseVersion { get; init; }
}
