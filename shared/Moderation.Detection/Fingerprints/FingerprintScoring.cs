namespace Moderation.Detection.Fingerprints;

/// <summary>
/// When a fingerprint match counts and how much it weighs in the score. The figures behind these
/// numbers are in the README ("Fingerprints"): measured on the test corpus with k = 10, w = 12.
/// </summary>
internal static class FingerprintScoring
{
    /// <summary>
    /// A passage counts once it shares this many distinct hashes with a document within one region
    /// (about 30 letters, a long sentence). Single shared hashes are common between texts of one
    /// genre (official boilerplate such as 各省、自治区、直辖市人民政府); three in a row are rare.
    /// </summary>
    public const int MinimumPassageHashes = 4;

    /// <summary>A passage of this many hashes (about 100 letters, a paragraph) is a copy, not a coincidence.</summary>
    public const int StrongPassageHashes = 20;

    /// <summary>Or this share of the whole document: the post reproduces a third of it or more.</summary>
    public const double StrongCoverage = 0.3;

    /// <summary>A shorter passage is held for review, like a secrecy marking alone: it may be a public text the document quotes.</summary>
    public const double PassageWeight = 0.75;

    /// <summary>A paragraph or more of a protected document is removed at the default thresholds.</summary>
    public const double StrongPassageWeight = 0.95;

    /// <summary>A near-duplicate of a whole protected document is a repost.</summary>
    public const double NearDuplicateWeight = 0.95;

    /// <summary>Largest Hamming distance between 64-bit SimHashes that still counts as a near-duplicate.</summary>
    public const int MaxSimHashDistance = 6;

    /// <summary>
    /// Below this many letters a SimHash says little (a few shingles decide every bit), so short
    /// titles and one-line posts are left to the winnowed hashes.
    /// </summary>
    public const int MinimumSimHashLetters = 60;

    /// <summary>
    /// Hashes of one copied region lie at most <c>w</c> k-grams apart; an edited letter removes up to
    /// <c>k</c> of them. Hits further apart than <c>k + 2w</c> letters are separate regions.
    /// </summary>
    public static int MaxGap(FingerprintScheme scheme) => scheme.KGram + (2 * scheme.Window);

    public static double PassageWeightFor(int matchedHashes, double coverage) =>
        matchedHashes >= StrongPassageHashes || coverage >= StrongCoverage ? StrongPassageWeight : PassageWeight;
}
