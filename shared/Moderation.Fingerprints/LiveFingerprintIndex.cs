using Microsoft.Extensions.Logging;
using Moderation.Detection.Fingerprints;

namespace Moderation.Fingerprints;

/// <summary>
/// The index this process scans with. Readers take <see cref="Current"/> once per scan and get one
/// consistent snapshot; a registration or a reload builds a new snapshot and swaps it in, so scans
/// never wait for an update and an update never shows half a document.
/// </summary>
public sealed class LiveFingerprintIndex(FingerprintScheme scheme, ILogger<LiveFingerprintIndex> logger)
{
    private readonly Lock _writer = new();
    private FingerprintIndex _current = FingerprintIndex.Empty(scheme);

    public FingerprintScheme Scheme { get; } = scheme;

    public FingerprintIndex Current => Volatile.Read(ref _current);

    /// <summary>Adds a document (a registration here, or a notification from another process); a known id is a no-op.</summary>
    /// <returns>False when the document was computed with another secret or parameters and cannot be matched here.</returns>
    public bool Apply(FingerprintDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (!FingerprintIndex.IsComparable(Scheme, document.Parameters))
        {
            logger.LogWarning("Protected document {DocumentId} was fingerprinted with another secret or other parameters and cannot be matched: {Problems}",
                document.DocumentId, string.Join(" ", Scheme.Check(document.Parameters).Select(p => p.Message)));
            return false;
        }

        lock (_writer)
        {
            FingerprintIndex next = _current.With(document);
            if (!ReferenceEquals(next, _current))
            {
                Volatile.Write(ref _current, next);
                logger.LogInformation("Fingerprint index now holds {Documents} document(s) with {Hashes} distinct hashes (added {DocumentId})", next.Count, next.DistinctHashes, document.DocumentId);
            }
        }

        return true;
    }

    /// <summary>
    /// Replaces the whole index (start, or a reload after missed notifications); documents that cannot
    /// be matched here are left out with a warning. Documents are never withdrawn, so any the current
    /// snapshot holds (a notification that overtook the reload) are kept.
    /// </summary>
    public void Replace(IEnumerable<FingerprintDocument> documents, string source)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var comparable = new List<FingerprintDocument>();
        foreach (FingerprintDocument document in documents)
        {
            if (FingerprintIndex.IsComparable(Scheme, document.Parameters))
            {
                comparable.Add(document);
            }
            else
            {
                logger.LogWarning("Protected document {DocumentId} was fingerprinted with another secret or other parameters and is left out of the index: {Problems}",
                    document.DocumentId, string.Join(" ", Scheme.Check(document.Parameters).Select(p => p.Message)));
            }
        }

        lock (_writer)
        {
            FingerprintIndex next = FingerprintIndex.Build(Scheme, comparable.Concat(_current.Documents));
            Volatile.Write(ref _current, next);
            logger.LogInformation("Fingerprint index loaded from {Source}: {Documents} document(s), {Hashes} distinct hashes", source, next.Count, next.DistinctHashes);
        }
    }
}
