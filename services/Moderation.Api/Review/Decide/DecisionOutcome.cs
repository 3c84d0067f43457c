namespace Moderation.Api.Review.Decide;

/// <summary>How a decision request ended.</summary>
public enum DecisionOutcome
{
    /// <summary>Decided now.</summary>
    Decided,

    /// <summary>This request was decided before: the stored decision, nothing done again.</summary>
    Replayed,

    /// <summary>The claim is not the caller's (any more), or the case is no longer open: nothing done.</summary>
    Refused,

    NotFound,

    /// <summary>A release of a case the scan removed, without the explicit second look it needs: nothing done.</summary>
    SecondLookNeeded,
}
