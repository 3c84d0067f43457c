using Moderation.Detection.Fingerprints;
using Moderation.Storage.Fingerprints;

namespace Moderation.Fingerprints;

/// <summary>Between the detection library's documents and the stored rows (64-bit hashes stored as signed bigint).</summary>
public static class FingerprintRecords
{
    public static ProtectedDocument ToStored(FingerprintDocument document, string registeredBy)
    {
        ArgumentNullException.ThrowIfNull(document);
        return new ProtectedDocument
        {
            DocumentId = document.DocumentId,
            Title = document.Title,
            DivisionCode = document.DivisionCode,
            ParametersJson = FingerprintFile.WriteParameters(document.Parameters),
            SimHash = unchecked((long)document.SimHash),
            Hashes = [.. document.Hashes.Select(h => unchecked((long)h))],
            RegisteredBy = registeredBy,
        };
    }

    public static FingerprintDocument FromStored(ProtectedDocument stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return new FingerprintDocument(
            stored.DocumentId,
            stored.Title,
            stored.DivisionCode,
            FingerprintFile.ParseParameters(stored.ParametersJson),
            unchecked((ulong)stored.SimHash),
            [.. stored.Hashes.Select(h => unchecked((ulong)h)).Order()]);
    }
}
