using Moderation.Contracts;
using Moderation.Detection;
using Moderation.Detection.Classification;
using Moderation.Detection.Fingerprints;
using Moderation.Verdicts.Incidents;

namespace Moderation.Verdicts;

/// <summary>
/// What a review case keeps of a post until it is decided, so that a moderator can judge a removed
/// post whose text has been purged after the report was handed off (Art. 7): the masked excerpt
/// around the matches, the matched categories, the title and author, and the post's fingerprint
/// computed at scan time, before any purge. Never the text itself.
/// </summary>
/// <param name="AuthorId">The forum's id of the author.</param>
/// <param name="Title">The title as the forum sent it (DESIGN: moderators need it; it is erased with the rest at the decision).</param>
/// <param name="MaskedExcerpt">The same excerpt an incident keeps (<see cref="ExcerptMasker"/>).</param>
/// <param name="Categories">The categories of the matched rules, strongest first.</param>
/// <param name="Fingerprint">The post's fingerprint (<see cref="PostFingerprint"/>); null when the post is too short.</param>
public sealed record CaseEvidence(string AuthorId, string? Title, string MaskedExcerpt, IReadOnlyList<string> Categories, FingerprintDocument? Fingerprint)
{
    /// <summary>
    /// Whether the fingerprint's SimHash groups reposts into one case: only for a post long enough
    /// for it to identify the text (<see cref="FingerprintScheme.SimHashIdentifies"/>).
    /// </summary>
    public bool GroupsReposts { get; init; }

    public static CaseEvidence Of(PostSubmitted post, PostVerdict verdict, FingerprintDocument? fingerprint, FingerprintScheme scheme)
    {
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(verdict);
        ArgumentNullException.ThrowIfNull(scheme);
        return new CaseEvidence(post.AuthorId, post.Title, ExcerptMasker.Mask(post.Title, post.Body, verdict.Reasons), CategoriesOf(verdict.Reasons), fingerprint)
        {
            GroupsReposts = fingerprint is not null && scheme.SimHashIdentifies(PostFingerprint.TextOf(post.Title, post.Body)),
        };
    }

    /// <summary>
    /// The category a case is filed under: that of the heaviest matched rule (a secrecy marking, a
    /// protected document's fingerprint…), since that is the evidence a moderator weighs first. The
    /// model's reason only when no rule matched; the decision's own summary and counter-evidence
    /// (<see cref="RuleCategories.PublicRelease"/>) never.
    /// </summary>
    public static string? StrongestCategory(IReadOnlyList<VerdictReason> reasons) => CategoriesOf(reasons).FirstOrDefault();

    /// <summary>The matched rules' categories, strongest first; the model's alone when no rule matched.</summary>
    public static IReadOnlyList<string> CategoriesOf(IReadOnlyList<VerdictReason> reasons)
    {
        ArgumentNullException.ThrowIfNull(reasons);
        var rules = reasons
            .Where(r => r.Category is not (ScanResult.BasisRule or ModelScore.ReasonRule or RuleCategories.PublicRelease))
            .GroupBy(r => r.Category)
            .OrderByDescending(g => g.Max(r => r.Weight))
            .Select(g => g.Key)
            .ToList();
        if (rules.Count > 0)
        {
            return rules;
        }

        return reasons.Any(r => r.Category == ModelScore.ReasonRule) ? [ModelScore.ReasonRule] : [];
    }
}
