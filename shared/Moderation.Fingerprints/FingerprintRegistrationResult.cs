using Moderation.Detection.Fingerprints;
using Moderation.Storage.Fingerprints;

namespace Moderation.Fingerprints;

/// <summary>What became of a registration: the outcome and the stored document, or the problems that stopped it.</summary>
public sealed record FingerprintRegistrationResult(RegistrationOutcome? Outcome, ProtectedDocumentSummary? Document, IReadOnlyList<FingerprintProblem> Problems)
{
    public static FingerprintRegistrationResult Refused(IReadOnlyList<FingerprintProblem> problems) => new(null, null, problems);
}
