using Moderation.Detection.Normalization;

namespace Moderation.Detection.Fingerprints;

/// <summary>
/// The protected documents a scanner compares posts with: winnowed hash → documents, each
/// document's hash count and SimHash. An immutable snapshot, safe to share between threads; a
/// registration makes a new snapshot (<see cref="With"/>) that replaces the old one in one reference
/// swap, so a scan always sees one consistent set.
/// </summary>
public sealed class FingerprintIndex
{
    private readonly FingerprintDocument[] _documents;
    private readonly Dictionary<string, int> _byId;
    private readonly FingerprintHashTable _hashes;
    private readonly SimHashTable _simHashes;

    // Each document's length in letters, estimated from its hash count and sorted (see NearDuplicatePossible).
    private readonly int[] _lengths;

    private FingerprintIndex(FingerprintScheme scheme, FingerprintDocument[] documents)
    {
        Scheme = scheme;
        _documents = documents;
        _byId = new Dictionary<string, int>(documents.Length, StringComparer.Ordinal);
        for (int i = 0; i < documents.Length; i++)
        {
            _byId.Add(documents[i].DocumentId, i);
        }

        _hashes = documents.Length == 0 ? FingerprintHashTable.Empty : FingerprintHashTable.Build(documents);
        _simHashes = SimHashTable.Build(documents);
        _lengths = [.. documents.Select(d => EstimatedLength(scheme, d)).Order()];
    }

    public FingerprintScheme Scheme { get; }

    /// <summary>How many documents the index holds.</summary>
    public int Count => _documents.Length;

    /// <summary>Distinct winnowed hashes over all documents.</summary>
    public int DistinctHashes => _hashes.Distinct;

    public IReadOnlyList<FingerprintDocument> Documents => _documents;

    public static FingerprintIndex Empty(FingerprintScheme scheme)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        return new FingerprintIndex(scheme, []);
    }

    /// <summary>An index of <paramref name="documents"/>; a later document with the id of an earlier one is ignored.</summary>
    /// <exception cref="ArgumentException">A document was computed with parameters this scheme cannot compare (see <see cref="IsComparable"/>).</exception>
    public static FingerprintIndex Build(FingerprintScheme scheme, IEnumerable<FingerprintDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(documents);
        var unique = new List<FingerprintDocument>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (FingerprintDocument document in documents)
        {
            RequireComparable(scheme, document);
            if (ids.Add(document.DocumentId))
            {
                unique.Add(document);
            }
        }

        return new FingerprintIndex(scheme, [.. unique]);
    }

    /// <summary>
    /// Whether documents computed with <paramref name="parameters"/> can be matched by this scheme:
    /// same key, k, window, shingle and hash. A different normaliser digest is tolerated here (most
    /// text folds alike, so most hashes still match after an upgrade) but refused at registration.
    /// </summary>
    public static bool IsComparable(FingerprintScheme scheme, FingerprintParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(parameters);
        return scheme.Parameters with { Normalization = parameters.Normalization } == parameters;
    }

    public bool Contains(string documentId) => _byId.ContainsKey(documentId);

    public FingerprintDocument? Find(string documentId) => _byId.TryGetValue(documentId, out int i) ? _documents[i] : null;

    /// <summary>A new snapshot with <paramref name="document"/> added; this one when a document with its id is already in.</summary>
    public FingerprintIndex With(FingerprintDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        RequireComparable(Scheme, document);
        return Contains(document.DocumentId) ? this : new FingerprintIndex(Scheme, [.. _documents, document]);
    }

    /// <summary>Where <paramref name="text"/> matches protected documents, in document order, then by position.</summary>
    public IReadOnlyList<FingerprintMatch> Match(string text, TextField field = TextField.Body)
    {
        ArgumentNullException.ThrowIfNull(text);
        using NormalizedText normalized = TextNormalizer.Normalize(text);
        FingerprintEvidence? evidence = null;
        Collect(normalized, field, ref evidence);
        return evidence is null ? [] : evidence.Resolve();
    }

    internal FingerprintDocument DocumentAt(int index) => _documents[index];

    /// <summary>The scan's part: fingerprints one normalised field and records what hits.</summary>
    internal void Collect(in NormalizedText normalized, TextField field, ref FingerprintEvidence? evidence)
    {
        if (_documents.Length == 0)
        {
            return;
        }

        using FingerprintSample sample = FingerprintSample.Take(normalized.Text, Scheme);
        ReadOnlySpan<ulong> hashes = sample.Hashes;
        ReadOnlySpan<int> starts = sample.Starts;
        ReadOnlySpan<int> origins = sample.Origins;
        int k = Scheme.KGram;
        for (int i = 0; i < hashes.Length; i++)
        {
            ReadOnlySpan<int> documents = _hashes.Find(hashes[i]);
            if (documents.IsEmpty)
            {
                continue;
            }

            int first = origins[starts[i]];
            (int start, int length) = normalized.ToOriginal(first, origins[starts[i] + k - 1] - first + 1);
            evidence ??= new FingerprintEvidence(this);
            foreach (int document in documents)
            {
                evidence.AddPassage(document, field, starts[i], hashes[i], start, start + length);
            }
        }

        if (sample.ContentLength >= FingerprintScoring.MinimumSimHashLetters && NearDuplicatePossible(sample.ContentLength))
        {
            List<(int Document, int Distance)>? near = null;
            _simHashes.Find(sample.SimHash(Scheme), ref near);
            if (near is not null)
            {
                (int start, int length) = normalized.ToOriginal(origins[0], origins[^1] - origins[0] + 1);
                evidence ??= new FingerprintEvidence(this);
                foreach ((int document, int distance) in near)
                {
                    evidence.AddNearDuplicate(document, field, distance, start, start + length);
                }
            }
        }
    }

    /// <summary>
    /// Winnowing keeps about 2 in every w + 1 k-grams, so a document's hash count tells its length to
    /// within a few percent; the file need not carry it.
    /// </summary>
    private static int EstimatedLength(FingerprintScheme scheme, FingerprintDocument document) =>
        (document.Hashes.Count * (scheme.Window + 1) / 2) + scheme.KGram - 1;

    /// <summary>
    /// SimHashes within a few bits mean feature vectors with a cosine above 0.95, which texts whose
    /// lengths differ by half cannot have. Most posts are far shorter than any protected document, so
    /// they skip the SimHash altogether (it costs as much as the winnowing).
    /// </summary>
    private bool NearDuplicatePossible(int letters)
    {
        int i = Array.BinarySearch(_lengths, letters / 2);
        int first = i >= 0 ? i : ~i;
        return first < _lengths.Length && _lengths[first] <= letters * 2;
    }

    private static void RequireComparable(FingerprintScheme scheme, FingerprintDocument document)
    {
        if (!IsComparable(scheme, document.Parameters))
        {
            throw new ArgumentException(
                $"Document '{document.DocumentId}' was fingerprinted with other parameters or another secret ({string.Join(" ", scheme.Check(document.Parameters).Select(p => p.Message))}).",
                nameof(document));
        }
    }
}
