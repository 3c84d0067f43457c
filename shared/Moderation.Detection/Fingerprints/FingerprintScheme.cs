using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Moderation.Detection.Normalization;

namespace Moderation.Detection.Fingerprints;

/// <summary>
/// The deployment-wide way text becomes fingerprints: the parameters every party must share, and
/// the key derived from the deployment's secret. The CLI computing a protected document's
/// fingerprint and every scanner comparing posts with it must use the same secret.
/// Immutable and thread-safe.
/// </summary>
public sealed class FingerprintScheme
{
    /// <summary>
    /// The secret every demo install shares. It is public, so it protects nothing: set a secret of
    /// your own (at least 32 random characters) for real documents.
    /// </summary>
    public const string DemoSecret = "moderation-demo-fingerprint-secret";

    /// <summary>K-gram length in letters and digits: about five words of Chinese (see the README for the measurements).</summary>
    public const int DefaultKGram = 10;

    /// <summary>Winnowing window: any copied run of <c>KGram + Window - 1</c> letters shares at least one hash.</summary>
    public const int DefaultWindow = 8;

    /// <summary>SimHash features are character bigrams (most Chinese words are two characters), which survive scattered edits that break every k-gram.</summary>
    public const int DefaultShingle = 2;

    public const string HashAlgorithm = "poly64-fmix64+siphash-2-4;simhash64";

    // Odd, so multiplication by it is invertible modulo 2^64 and k-grams do not cancel out.
    internal const ulong RollingBase = 0x9E3779B97F4A7C15UL;

    private FingerprintScheme(string secret, int kGram, int window, int shingle)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        ArgumentOutOfRangeException.ThrowIfLessThan(kGram, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(shingle, 1);
        Span<byte> key = stackalloc byte[32];
        Derive("moderation/fingerprint/key/v1", secret, key);
        K0 = BinaryPrimitives.ReadUInt64LittleEndian(key);
        K1 = BinaryPrimitives.ReadUInt64LittleEndian(key[8..]);
        SimHashKey = BinaryPrimitives.ReadUInt64LittleEndian(key[16..]);
        Span<byte> id = stackalloc byte[32];
        Derive("moderation/fingerprint/key-id/v1", secret, id);
        KGram = kGram;
        Window = window;
        Shingle = shingle;
        RollingBasePowerK = Power(RollingBase, kGram);
        RollingBasePowerShingle = Power(RollingBase, shingle);
        UsesDemoSecret = secret == DemoSecret;
        Parameters = new FingerprintParameters(NormalizationSignature.Value, kGram, window, shingle, HashAlgorithm, Convert.ToHexStringLower(id[..8]));
    }

    /// <summary>Largest Hamming distance between two SimHashes that still makes the texts near-duplicates (a repost).</summary>
    public const int NearDuplicateDistance = FingerprintScoring.MaxSimHashDistance;

    /// <summary>Whether two texts' SimHashes are equal or within <see cref="NearDuplicateDistance"/> bits: the same text reposted, perhaps lightly edited.</summary>
    public static bool AreNearDuplicates(ulong simHash, ulong other) =>
        System.Numerics.BitOperations.PopCount(simHash ^ other) <= NearDuplicateDistance;

    /// <summary>
    /// Whether the text is long enough for its SimHash to identify it: below that many letters and
    /// digits a few shingles decide every bit and unrelated one-liners can share one, so the index
    /// never reports a near-duplicate for them and no repost is grouped by it.
    /// </summary>
    public bool SimHashIdentifies(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        using NormalizedText normalized = TextNormalizer.Normalize(text);
        using FingerprintSample sample = FingerprintSample.Take(normalized.Text, this);
        return sample.ContentLength >= FingerprintScoring.MinimumSimHashLetters;
    }

    public FingerprintParameters Parameters { get; }

    /// <summary>True when the public <see cref="DemoSecret"/> is in use: fine for a demo, no protection for real documents.</summary>
    public bool UsesDemoSecret { get; }

    /// <summary>The least number of winnowed hashes a copied passage must share with a document to count (see <see cref="FingerprintScoring"/>).</summary>
    public static int MinimumDocumentHashes => FingerprintScoring.MinimumPassageHashes;

    internal int KGram { get; }

    internal int Window { get; }

    internal int Shingle { get; }

    internal ulong K0 { get; }

    internal ulong K1 { get; }

    internal ulong SimHashKey { get; }

    internal ulong RollingBasePowerK { get; }

    internal ulong RollingBasePowerShingle { get; }

    /// <summary>The scheme of a deployment whose secret is <paramref name="secret"/>, with the default parameters.</summary>
    public static FingerprintScheme FromSecret(string secret) => new(secret, DefaultKGram, DefaultWindow, DefaultShingle);

    /// <summary>Other parameters, for measuring them; a deployment uses <see cref="FromSecret"/>.</summary>
    internal static FingerprintScheme WithParameters(string secret, int kGram, int window, int shingle = DefaultShingle) => new(secret, kGram, window, shingle);

    /// <summary>
    /// Fingerprints a protected document. The result holds hashes only, sorted so that not even the
    /// order of the passages survives; the text cannot be recovered from it.
    /// </summary>
    /// <exception cref="ArgumentException">The text is too short to ever be matched.</exception>
    public FingerprintDocument Compute(string documentId, string? title, string text, string? divisionCode = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        using NormalizedText normalized = TextNormalizer.Normalize(text);
        using FingerprintSample sample = FingerprintSample.Take(normalized.Text, this);
        ulong[] hashes = [.. sample.Hashes.ToArray().Distinct().Order()];
        if (hashes.Length < MinimumDocumentHashes)
        {
            throw new ArgumentException(
                $"The text is too short to fingerprint: {sample.ContentLength} letters and digits give {hashes.Length} hash(es), " +
                $"and a document needs at least {MinimumDocumentHashes} to ever be matched (about {MinimumTextLength} letters).");
        }

        return new FingerprintDocument(documentId, title, divisionCode, Parameters, sample.SimHash(this), hashes);
    }

    /// <summary>Roughly how many letters and digits give <see cref="MinimumDocumentHashes"/> hashes (winnowing keeps about 2 in every Window + 1 k-grams).</summary>
    internal int MinimumTextLength => KGram - 1 + (MinimumDocumentHashes * (Window + 1) / 2);

    /// <summary>What differs between fingerprints computed with <paramref name="parameters"/> and this scheme; empty when they can be compared.</summary>
    public IReadOnlyList<FingerprintProblem> Check(FingerprintParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        const string Recompute = "recompute the fingerprint with the moderation CLI of this release";
        var problems = new List<FingerprintProblem>();
        if (parameters.KeyId != Parameters.KeyId)
        {
            problems.Add(new("parameters.keyId",
                $"The file was computed with another fingerprint secret (key id {parameters.KeyId}; this deployment's is {Parameters.KeyId}): " +
                "set MODERATION_FINGERPRINT_SECRET to the deployment's secret and compute it again."));
        }

        if (parameters.Normalization != Parameters.Normalization)
        {
            problems.Add(new("parameters.normalization",
                $"The file was computed by a release that normalises text differently ({parameters.Normalization}; this deployment: {Parameters.Normalization}): {Recompute}."));
        }

        if (parameters.KGram != Parameters.KGram)
        {
            problems.Add(new("parameters.kgram", $"Is {parameters.KGram}, this deployment uses {Parameters.KGram}: {Recompute}."));
        }

        if (parameters.Window != Parameters.Window)
        {
            problems.Add(new("parameters.window", $"Is {parameters.Window}, this deployment uses {Parameters.Window}: {Recompute}."));
        }

        if (parameters.Shingle != Parameters.Shingle)
        {
            problems.Add(new("parameters.shingle", $"Is {parameters.Shingle}, this deployment uses {Parameters.Shingle}: {Recompute}."));
        }

        if (parameters.Hash != Parameters.Hash)
        {
            problems.Add(new("parameters.hash", $"Is '{parameters.Hash}', this deployment uses '{Parameters.Hash}': {Recompute}."));
        }

        return problems;
    }

    internal static ulong Mix(ulong h)
    {
        // MurmurHash3's finaliser: every input bit affects every output bit, so minima are spread evenly.
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdUL;
        h ^= h >> 33;
        h *= 0xc4ceb9fe1a85ec53UL;
        h ^= h >> 33;
        return h;
    }

    private static ulong Power(ulong value, int exponent)
    {
        ulong result = 1;
        for (int i = 0; i < exponent; i++)
        {
            result *= value;
        }

        return result;
    }

    private static void Derive(string label, string secret, Span<byte> destination)
    {
        byte[] input = Encoding.UTF8.GetBytes($"{label}\0{secret}");
        SHA256.HashData(input, destination);
    }
}
