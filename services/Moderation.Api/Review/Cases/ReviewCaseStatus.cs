namespace Moderation.Api.Review.Cases;

/// <summary>The states of a review case. Claims are leases beside the state, not a state.</summary>
public static class ReviewCaseStatus
{
    public const string Open = "Open";
    public const string Escalated = "Escalated";
    public const string Released = "Released";
    public const string Confirmed = "Confirmed";

    public static readonly IReadOnlyList<string> All = [Open, Escalated, Released, Confirmed];

    /// <summary>States in which a case still waits for someone.</summary>
    public static bool IsPending(string status) => status is Open or Escalated;
}
