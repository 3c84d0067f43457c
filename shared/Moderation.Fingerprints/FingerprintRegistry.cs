using Microsoft.Extensions.Logging;
using Moderation.Detection.Fingerprints;
using Moderation.Storage.Fingerprints;

namespace Moderation.Fingerprints;

/// <summary>
/// Registers protected documents: checks the fingerprint was computed the way this deployment
/// computes them, writes it to the database (the system of record), then publishes it to the mirror
/// so every scanner adds it at once, and adds it to this process's own index.
/// </summary>
public sealed class FingerprintRegistry(
    FingerprintRepository repository,
    LiveFingerprintIndex index,
    IFingerprintMirror mirror,
    ILogger<FingerprintRegistry> logger)
{
    public async Task<FingerprintRegistrationResult> RegisterAsync(FingerprintDocument document, string registeredBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        IReadOnlyList<FingerprintProblem> problems = index.Scheme.Check(document.Parameters);
        if (problems.Count > 0)
        {
            return FingerprintRegistrationResult.Refused(problems);
        }

        RegistrationOutcome outcome = await repository.RegisterAsync(FingerprintRecords.ToStored(document, registeredBy), cancellationToken);
        ProtectedDocumentSummary? stored = await repository.FindSummaryAsync(document.DocumentId, cancellationToken);
        if (outcome == RegistrationOutcome.Conflict)
        {
            return new FingerprintRegistrationResult(outcome, stored, []);
        }

        logger.LogInformation("Protected document {DocumentId} registered by {RegisteredBy} ({Outcome}, {Hashes} hashes)", document.DocumentId, registeredBy, outcome, document.Hashes.Count);
        index.Apply(document);
        // Published again when unchanged too: a retry heals a mirror the first attempt could not reach.
        await TryPublishAsync(document, cancellationToken);
        return new FingerprintRegistrationResult(outcome, stored, []);
    }

    private async Task TryPublishAsync(FingerprintDocument document, CancellationToken cancellationToken)
    {
        try
        {
            await mirror.PublishAsync(document, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Stored all the same: scanners find it in the database at their next resync.
            logger.LogWarning(ex, "Protected document {DocumentId} is registered but could not be published to the fingerprint mirror; scanners pick it up at their next resync", document.DocumentId);
        }
    }
}
