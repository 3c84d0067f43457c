using System.Globalization;
using Moderation.Api.Review.Cases;
using Moderation.Storage.Review;

namespace Moderation.Api.Review.SecondLook;

/// <summary>
/// Releasing a case the scan removed publishes a post scored as near-certain secret, so it needs a
/// second look: alone, an explicit confirmation beside the decision (<c>secondLook</c>); in bulk, an
/// explicit confirmation for the removed cases of the selection (<c>releaseRemoved</c>) and each of
/// them opened by the moderator before. Holds, confirmations and escalations need neither.
/// </summary>
public static class SecondLookRule
{
    public static bool Applies(string decision, ReviewCaseSummary summary) =>
        decision == ReviewDecisionKind.Release && summary.Kind == ReviewCaseKind.Remove;

    public static string NotConfirmed(ReviewCaseSummary c) => string.Create(CultureInfo.InvariantCulture,
        $"Case {c.CaseId} was removed by the scan (score {c.Score:0.00}): releasing it publishes the post. Look at it again and confirm the release explicitly (secondLook).");

    public static string NotConfirmedInBulk(ReviewCaseSummary c) => string.Create(CultureInfo.InvariantCulture,
        $"Case {c.CaseId} was removed by the scan (score {c.Score:0.00}): releasing removed cases in bulk needs their explicit confirmation (releaseRemoved).");

    public static string NotOpened(ReviewCaseSummary c) => string.Create(CultureInfo.InvariantCulture,
        $"Case {c.CaseId} was removed by the scan (score {c.Score:0.00}) and you have not opened it: open it (a second look) before releasing it with others.");
}
