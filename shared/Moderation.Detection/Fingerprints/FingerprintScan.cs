using Moderation.Detection.Scoring;

namespace Moderation.Detection.Fingerprints;

/// <summary>The end of a scan in which a fingerprint hash hit: resolve the matches, fuse them with the rule hits.</summary>
internal static class FingerprintScan
{
    public static FusedEvidence Fuse(FingerprintEvidence evidence, List<RuleHit> hits, IReadOnlyList<Rule> rules, ScanPolicy policy)
    {
        List<FingerprintMatch> matches = evidence.Resolve();
        if (matches.Count == 0 && hits.Count == 0)
        {
            return FusedEvidence.None;
        }

        var similarities = new Dictionary<string, double>(StringComparer.Ordinal);
        IReadOnlyList<Rule> all = matches.Count == 0 ? rules : FingerprintEvidence.AddHits(matches, hits, rules, similarities);
        FusedEvidence fused = ScoreFusion.Fuse(hits, all, policy);
        return similarities.Count == 0
            ? fused
            : fused with { Findings = [.. fused.Findings.Select(f => similarities.TryGetValue(f.RuleId, out double similarity) ? f with { Similarity = similarity } : f)] };
    }
}
