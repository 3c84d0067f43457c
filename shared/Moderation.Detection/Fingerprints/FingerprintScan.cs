using Moderation.Detection.Scoring;

namespace Moderation.Detection.Fingerprints;

/// <summary>The end of a scan in which a fingerprint hash hit: resolve the matches, fuse them with the rule hits.</summary>
internal static class FingerprintScan
{
    public static ScanResult Fuse(FingerprintEvidence evidence, List<RuleHit> hits, IReadOnlyList<Rule> rules, DecisionThresholds thresholds, string ruleSetVersion)
    {
        List<FingerprintMatch> matches = evidence.Resolve();
        if (matches.Count == 0 && hits.Count == 0)
        {
            return new ScanResult(0, Decision.Publish, [], ruleSetVersion);
        }

        var similarities = new Dictionary<string, double>(StringComparer.Ordinal);
        IReadOnlyList<Rule> all = matches.Count == 0 ? rules : FingerprintEvidence.AddHits(matches, hits, rules, similarities);
        (double score, IReadOnlyList<Finding> findings) = ScoreFusion.Fuse(hits, all);
        if (similarities.Count > 0)
        {
            findings = [.. findings.Select(f => similarities.TryGetValue(f.RuleId, out double similarity) ? f with { Similarity = similarity } : f)];
        }

        return new ScanResult(score, thresholds.Decide(score), findings, ruleSetVersion);
    }
}
