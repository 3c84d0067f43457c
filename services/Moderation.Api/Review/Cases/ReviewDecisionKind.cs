namespace Moderation.Api.Review.Cases;

/// <summary>What a moderator decides, and the state each leaves the case in.</summary>
public static class ReviewDecisionKind
{
    /// <summary>A false positive: the post is published (or reinstated).</summary>
    public const string Release = "Release";

    /// <summary>Secret material: the post stays removed, an incident is opened, its fingerprint registered.</summary>
    public const string Confirm = "Confirm";

    /// <summary>Not for a moderator to decide: handed to the officer of the board's jurisdiction.</summary>
    public const string Escalate = "Escalate";

    public static readonly IReadOnlyList<string> All = [Release, Confirm, Escalate];

    public static string StatusAfter(string decision) => decision switch
    {
        Release => ReviewCaseStatus.Released,
        Confirm => ReviewCaseStatus.Confirmed,
        Escalate => ReviewCaseStatus.Escalated,
        _ => throw new ArgumentOutOfRangeException(nameof(decision), decision, $"A decision is one of {string.Join(", ", All)}."),
    };
}
