using Moderation.Api.Review.Cases;
using Moderation.Detection.Fingerprints;
using Moderation.Fingerprints;

namespace Moderation.Api.Review.Decide;

/// <summary>
/// Registers a confirmed text as a protected document, so a repost (or a quotation of it) is caught
/// by every scanner at once. After commit and idempotent: a replayed decision registers again safely.
/// </summary>
public sealed class ConfirmedFingerprints(FingerprintRegistry fingerprints, FingerprintScheme scheme, ILogger<ConfirmedFingerprints> logger)
{
    public async Task RegisterAsync(ReviewCaseDetail detail, string actor, CancellationToken cancellationToken)
    {
        if (ConfirmedDocument.Of(scheme, detail) is not { } document)
        {
            logger.LogInformation("Confirmed case {CaseId} is not fingerprinted: its text is too short (or already purged)", detail.Case.CaseId);
            return;
        }

        var result = await fingerprints.RegisterAsync(document, actor, cancellationToken);
        logger.LogInformation("Confirmed case {CaseId} registered as protected document {DocumentId} ({Outcome})", detail.Case.CaseId, document.DocumentId, result.Outcome);
    }
}
