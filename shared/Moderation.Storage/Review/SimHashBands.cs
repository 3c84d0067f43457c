using Moderation.Detection.Fingerprints;

namespace Moderation.Storage.Review;

/// <summary>
/// A SimHash as the keys of <c>case_post_bands</c>: the 64 bits cut into seven bands (bits 0–9,
/// then nine bits each from 10, 19, 28, 37, 46 and 55), each keyed as band number × 1024 + its bits.
/// Two hashes within <see cref="FingerprintScheme.NearDuplicateDistance"/> (six) bits of each other
/// share at least one key, as six differing bits touch at most six of the seven bands; so the posts
/// sharing a key are every near-duplicate's candidates. Migration 0016 computes the same keys.
/// </summary>
public static class SimHashBands
{
    /// <summary>One more band than the bits two near-duplicates may differ in.</summary>
    public const int Count = 7;

    private static readonly (int Shift, ulong Mask)[] Bands = [(0, 1023), (10, 511), (19, 511), (28, 511), (37, 511), (46, 511), (55, 511)];

    static SimHashBands()
    {
        // Pigeonhole: the guarantee above holds only while the distance is under the band count.
        if (FingerprintScheme.NearDuplicateDistance >= Count)
        {
            throw new InvalidOperationException($"SimHash bands: {Count} bands cannot find near-duplicates {FingerprintScheme.NearDuplicateDistance} bits apart.");
        }
    }

    public static int[] Keys(ulong simHash)
    {
        var keys = new int[Count];
        for (var band = 0; band < Count; band++)
        {
            keys[band] = (band * 1024) + (int)((simHash >> Bands[band].Shift) & Bands[band].Mask);
        }

        return keys;
    }
}
