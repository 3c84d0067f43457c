using System.Buffers;
using System.Runtime.Intrinsics;

namespace Moderation.Detection.Fingerprints;

/// <summary>
/// The fingerprint of one normalised text: the winnowed, keyed k-gram hashes with where each k-gram
/// starts, and the SimHash. Buffers are pooled: dispose it when done.
/// </summary>
/// <remarks>
/// Winnowing (Schleimer, Wilkerson and Aiken, 2003) keeps the smallest k-gram hash of every window of
/// <c>w</c> consecutive k-grams, so any run of <c>k + w - 1</c> letters two texts share yields at least one
/// hash they share, whatever surrounds it. Selection uses a fast unkeyed rolling hash; only the kept
/// hashes (about 2 in every w + 1) go through the keyed SipHash, which keeps the keyed part cheap.
/// </remarks>
internal ref struct FingerprintSample
{
    private static readonly Vector256<int>[] s_signs = BuildSigns();

    private char[] _letters;
    private int[] _origins;
    private int[] _starts;
    private ulong[] _hashes;

    private FingerprintSample(int capacity)
    {
        _letters = ArrayPool<char>.Shared.Rent(capacity);
        _origins = ArrayPool<int>.Shared.Rent(capacity);
        _starts = ArrayPool<int>.Shared.Rent(capacity);
        _hashes = ArrayPool<ulong>.Shared.Rent(capacity);
    }

    /// <summary>Letters and digits in the text: what the k-grams are taken from.</summary>
    public int ContentLength { get; private set; }

    /// <summary>How many hashes winnowing kept.</summary>
    public int Count { get; private set; }

    /// <summary>Keyed hashes of the kept k-grams, in text order (a k-gram repeated in the text may appear more than once).</summary>
    public readonly ReadOnlySpan<ulong> Hashes => _hashes.AsSpan(0, Count);

    /// <summary>Where each kept k-gram starts, as an index into the text's letters and digits.</summary>
    public readonly ReadOnlySpan<int> Starts => _starts.AsSpan(0, Count);

    /// <summary>Position in the normalised text of each letter or digit.</summary>
    public readonly ReadOnlySpan<int> Origins => _origins.AsSpan(0, ContentLength);

    public static FingerprintSample Take(ReadOnlySpan<char> normalized, FingerprintScheme scheme)
    {
        var sample = new FingerprintSample(normalized.Length + 1);
        int length = 0;
        char[] letters = sample._letters;
        int[] origins = sample._origins;
        for (int i = 0; i < normalized.Length; i++)
        {
            char c = normalized[i];
            if (FingerprintContent.IsContent(c))
            {
                letters[length] = c;
                origins[length] = i;
                length++;
            }
        }

        sample.ContentLength = length;
        sample.Winnow(letters.AsSpan(0, length), scheme);
        return sample;
    }

    /// <summary>
    /// 64-bit SimHash (Charikar, 2002) of the text's keyed character shingles: each shingle votes +1
    /// or -1 on each of 64 bits; a bit is set where the votes are positive. Eight 8-lane vector
    /// counters take a byte of the shingle hash each, through a table of the 256 vote patterns.
    /// 0 when the text is shorter than a shingle.
    /// </summary>
    public readonly ulong SimHash(FingerprintScheme scheme)
    {
        ReadOnlySpan<char> letters = _letters.AsSpan(0, ContentLength);
        int s = scheme.Shingle;
        if (letters.Length < s)
        {
            return 0;
        }

        Vector256<int>[] signs = s_signs;
        Vector256<int> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
        ulong h = 0;
        for (int i = 0; i < s - 1; i++)
        {
            h = (h * FingerprintScheme.RollingBase) + letters[i];
        }

        for (int i = s - 1; i < letters.Length; i++)
        {
            h = (h * FingerprintScheme.RollingBase) + letters[i];
            if (i >= s)
            {
                h -= letters[i - s] * scheme.RollingBasePowerShingle;
            }

            ulong f = FingerprintScheme.Mix(h ^ scheme.SimHashKey);
            a0 += signs[(byte)f];
            a1 += signs[(byte)(f >> 8)];
            a2 += signs[(byte)(f >> 16)];
            a3 += signs[(byte)(f >> 24)];
            a4 += signs[(byte)(f >> 32)];
            a5 += signs[(byte)(f >> 40)];
            a6 += signs[(byte)(f >> 48)];
            a7 += signs[(byte)(f >> 56)];
        }

        return Bits(a0, 0) | Bits(a1, 8) | Bits(a2, 16) | Bits(a3, 24) | Bits(a4, 32) | Bits(a5, 40) | Bits(a6, 48) | Bits(a7, 56);
    }

    public void Dispose()
    {
        if (_origins is null)
        {
            return;
        }

        ArrayPool<char>.Shared.Return(_letters);
        ArrayPool<int>.Shared.Return(_origins);
        ArrayPool<int>.Shared.Return(_starts);
        ArrayPool<ulong>.Shared.Return(_hashes);
        _letters = null!;
        _origins = null!;
        _starts = null!;
        _hashes = null!;
    }

    private void Winnow(ReadOnlySpan<char> letters, FingerprintScheme scheme)
    {
        int k = scheme.KGram;
        int kGrams = letters.Length - k + 1;
        if (kGrams <= 0)
        {
            return;
        }

        ulong[] mixed = ArrayPool<ulong>.Shared.Rent(kGrams);
        try
        {
            ulong h = 0;
            for (int i = 0; i < k; i++)
            {
                h = (h * FingerprintScheme.RollingBase) + letters[i];
            }

            mixed[0] = FingerprintScheme.Mix(h);
            for (int i = 1; i < kGrams; i++)
            {
                h = (h * FingerprintScheme.RollingBase) + letters[i + k - 1] - (letters[i - 1] * scheme.RollingBasePowerK);
                mixed[i] = FingerprintScheme.Mix(h);
            }

            SelectMinima(mixed.AsSpan(0, kGrams), scheme.Window);
            for (int i = 0; i < Count; i++)
            {
                _hashes[i] = SipHash24.Hash(scheme.K0, scheme.K1, mixed[_starts[i]]);
            }
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(mixed);
        }
    }

    /// <summary>
    /// Robust winnowing: the rightmost minimum of each window, kept until it leaves the window unless a
    /// strictly smaller hash arrives, so a run of equal hashes (repeated text) is not kept over and over.
    /// </summary>
    private void SelectMinima(ReadOnlySpan<ulong> mixed, int window)
    {
        int count = 0;
        if (mixed.Length <= window)
        {
            int min = 0;
            for (int i = 1; i < mixed.Length; i++)
            {
                if (mixed[i] <= mixed[min])
                {
                    min = i;
                }
            }

            _starts[count++] = min;
            Count = count;
            return;
        }

        int selected = -1;
        for (int end = window - 1; end < mixed.Length; end++)
        {
            int start = end - window + 1;
            if (selected < start)
            {
                selected = start;
                for (int i = start + 1; i <= end; i++)
                {
                    if (mixed[i] <= mixed[selected])
                    {
                        selected = i;
                    }
                }

                _starts[count++] = selected;
            }
            else if (mixed[end] < mixed[selected])
            {
                selected = end;
                _starts[count++] = selected;
            }
        }

        Count = count;
    }

    private static ulong Bits(Vector256<int> votes, int shift) =>
        (ulong)Vector256.GreaterThan(votes, Vector256<int>.Zero).ExtractMostSignificantBits() << shift;

    private static Vector256<int>[] BuildSigns()
    {
        var signs = new Vector256<int>[256];
        Span<int> lanes = stackalloc int[8];
        for (int b = 0; b < 256; b++)
        {
            for (int bit = 0; bit < 8; bit++)
            {
                lanes[bit] = ((b >> bit) & 1) != 0 ? 1 : -1;
            }

            signs[b] = Vector256.Create<int>(lanes);
        }

        return signs;
    }
}
