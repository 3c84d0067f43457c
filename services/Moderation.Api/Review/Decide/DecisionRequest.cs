namespace Moderation.Api.Review.Decide;

/// <summary>A moderator's decision on a case they hold, with the fencing token of their claim.</summary>
public sealed record DecisionRequest
{
    /// <summary>The longest reason accepted.</summary>
    public const int MaxReasonLength = 2000;

    /// <summary>The longest client request id accepted.</summary>
    public const int MaxRequestIdLength = 100;

    public required long CaseId { get; init; }

    /// <summary>The version the claim returned.</summary>
    public required int ClaimVersion { get; init; }

    public required string Actor { get; init; }

    /// <summary>One of <see cref="ReviewDecisionKind"/>.</summary>
    public required string Decision { get; init; }

    public required string Reason { get; init; }

    /// <summary>The client's id for this request: sending it again returns the first outcome, with no second effect.</summary>
    public required string RequestId { get; init; }
}
