namespace Moderation.Detection.Fingerprints;

/// <summary>
/// A protected document as the system knows it: an id and title chosen by the officer who registered
/// it, and its fingerprints. Never its text. Written and read by <see cref="FingerprintFile"/>.
/// </summary>
/// <param name="DocumentId">The officer's reference for the document; reported as <c>fingerprint:&lt;id&gt;</c>.</param>
/// <param name="Title">Shown to reviewers and officers, never to forums. Use a neutral reference when the real title is itself secret.</param>
/// <param name="DivisionCode">The registering department's area (GB/T 2260), or null for a central registration.</param>
/// <param name="SimHash">64-bit SimHash of the whole text, for near-duplicate reposts.</param>
/// <param name="Hashes">The distinct winnowed k-gram hashes, ascending.</param>
public sealed record FingerprintDocument(
    string DocumentId,
    string? Title,
    string? DivisionCode,
    FingerprintParameters Parameters,
    ulong SimHash,
    IReadOnlyList<ulong> Hashes)
{
    /// <summary>True when both describe the same text computed the same way (title and division aside).</summary>
    public bool SameFingerprintAs(FingerprintDocument other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Parameters == other.Parameters && SimHash == other.SimHash && Hashes.SequenceEqual(other.Hashes);
    }
}
