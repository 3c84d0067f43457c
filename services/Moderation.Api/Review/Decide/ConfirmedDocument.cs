using System.Globalization;
using Moderation.Api.Review.Cases;
using Moderation.Detection.Fingerprints;
using Moderation.Verdicts.Incidents;

namespace Moderation.Api.Review.Decide;

/// <summary>A confirmed post as a protected document: the incident names it, and it is registered after commit.</summary>
public static class ConfirmedDocument
{
    /// <summary>
    /// The fingerprint computed at scan time, kept with the case (a removed post's text is usually
    /// purged before anyone reviews it); the text's own for a case opened before that was kept, or
    /// when the deployment's fingerprint key has changed since. Null when the post is too short.
    /// </summary>
    public static FingerprintDocument? Of(FingerprintScheme scheme, ReviewCaseDetail detail)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(detail);
        var documentId = string.Create(CultureInfo.InvariantCulture, $"confirmed-case-{detail.Case.CaseId}");
        var title = $"Confirmed post {detail.Case.BoardId}/{detail.Case.PostId}#{detail.Case.Revision}";
        if (detail.Evidence?.FingerprintJson is { } json && FingerprintFile.Parse(json) is var kept && kept.Parameters == scheme.Parameters)
        {
            return kept with { DocumentId = documentId, Title = title, DivisionCode = detail.Case.DivisionCode };
        }

        return PostFingerprint.Compute(scheme, detail.Title, detail.Body, documentId, title, detail.Case.DivisionCode);
    }
}
