using System.Globalization;
using Moderation.Api.Review.Cases;
using Moderation.Detection.Fingerprints;
using Moderation.Verdicts.Incidents;

namespace Moderation.Api.Review.Decide;

/// <summary>A confirmed post's text as a protected document: the incident names it, and it is registered after commit.</summary>
public static class ConfirmedDocument
{
    /// <summary>Null when the text is too short to fingerprint (or already purged).</summary>
    public static FingerprintDocument? Of(FingerprintScheme scheme, ReviewCaseDetail detail) =>
        PostFingerprint.Compute(scheme, detail.Title, detail.Body,
            string.Create(CultureInfo.InvariantCulture, $"confirmed-case-{detail.Case.CaseId}"),
            $"Confirmed post {detail.Case.BoardId}/{detail.Case.PostId}#{detail.Case.Revision}", detail.Case.DivisionCode);
}
