namespace Moderation.Detection.Fingerprints;

/// <summary>One place where a text matched a protected document.</summary>
/// <param name="RuleId"><c>fingerprint:&lt;documentId&gt;</c> for a passage, <c>simhash:&lt;documentId&gt;</c> for a near-duplicate.</param>
/// <param name="Start">UTF-16 offset of the matched region in the original text.</param>
/// <param name="Length">UTF-16 length of the matched region in the original text.</param>
/// <param name="Similarity">
/// Passage: the share of the document's winnowed hashes found in the text's matched regions, in [0, 1].
/// Near-duplicate: 1 − Hamming distance / 64.
/// </param>
/// <param name="MatchedHashes">Passage: distinct document hashes in the text's matched regions (all regions of the document together).</param>
/// <param name="Distance">Near-duplicate: bits in which the SimHashes differ.</param>
/// <param name="Weight">What the match weighs in the score.</param>
public sealed record FingerprintMatch(
    string DocumentId,
    string RuleId,
    FingerprintMatchKind Kind,
    TextField Field,
    int Start,
    int Length,
    double Similarity,
    int MatchedHashes,
    int? Distance,
    double Weight);
