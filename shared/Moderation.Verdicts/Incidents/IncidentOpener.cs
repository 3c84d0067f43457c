using Moderation.Contracts;
using Moderation.Detection.Fingerprints;

namespace Moderation.Verdicts.Incidents;

/// <summary>
/// Opens the incident of a Remove verdict, whoever decided it (the scanner, or a moderator who
/// confirmed a held post): the verdict's reasons, a masked excerpt instead of the text, and the
/// fingerprints that recognise the material again.
/// </summary>
public static class IncidentOpener
{
    /// <param name="verdict">The Remove verdict sent to the forum; its decision time is the detection time.</param>
    /// <param name="title">The post's title as the forum sent it, for the masked excerpt.</param>
    /// <param name="body">The post's body; null once purged.</param>
    /// <param name="post">The post's own fingerprint (<see cref="PostFingerprint.Compute"/>); null when too short.</param>
    public static IncidentOpening Open(PostVerdict verdict, string? title, string? body, FingerprintDocument? post, IncidentOrigin origin)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        return OpenFromExcerpt(verdict, ExcerptMasker.Mask(title, body, verdict.Reasons), post, origin);
    }

    /// <summary>
    /// The incident of a post whose text may be gone (a moderator confirming a removed post after the
    /// purge): from the excerpt masked at scan time and the fingerprint computed then (<see cref="CaseEvidence"/>).
    /// </summary>
    public static IncidentOpening OpenFromExcerpt(PostVerdict verdict, string maskedExcerpt, FingerprintDocument? post, IncidentOrigin origin)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        ArgumentNullException.ThrowIfNull(maskedExcerpt);
        ArgumentNullException.ThrowIfNull(origin);
        return new IncidentOpening
        {
            BoardId = verdict.BoardId,
            PostId = verdict.PostId,
            Revision = verdict.Revision,
            ScanId = origin.ScanId,
            ReviewCaseId = origin.ReviewCaseId,
            Source = origin.Source,
            OpenedBy = origin.OpenedBy,
            Score = verdict.Score,
            MaskedExcerpt = maskedExcerpt,
            Rules = [.. verdict.Reasons.DistinctBy(r => r.Rule).Select(r => new IncidentRule { Rule = r.Rule, Category = r.Category, Weight = r.Weight, Description = r.Description })],
            Fingerprints = Fingerprints(verdict.Reasons, post, origin.RegisteredDocumentId),
            DetectedAt = verdict.DecidedAt,
            RemovalDetail = origin.RemovalDetail,
        };
    }

    /// <summary>The protected documents matched, the post's own SimHash, and the document it is registered as.</summary>
    private static List<string> Fingerprints(IReadOnlyList<VerdictReason> reasons, FingerprintDocument? post, string? registeredDocumentId)
    {
        var list = reasons.Where(ExcerptMasker.IsFingerprint).Select(r => r.Rule).Distinct().ToList();
        if (post is not null)
        {
            list.Add(PostFingerprint.SimHashOf(post));
        }

        if (registeredDocumentId is not null)
        {
            list.Add(registeredDocumentId);
        }

        return list;
    }
}
