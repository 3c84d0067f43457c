using System.Text.RegularExpressions;
using Moderation.Detection.Fingerprints;
using Moderation.Detection.Matching;
using Moderation.Detection.Normalization;
using Moderation.Detection.Scoring;

namespace Moderation.Detection;

/// <summary>
/// Scores posts against a rule set. Construction compiles the rule set (one automaton for all term
/// rules); <see cref="Scan"/> is then cheap, allocation-light and safe to call from many threads.
/// Construct one engine per rule set and share it.
/// </summary>
public sealed class DetectionEngine
{
    private readonly Rule[] _rules;
    private readonly int[] _patternRules;
    private readonly TermAutomaton _terms;
    private readonly DecisionThresholds _thresholds;
    private readonly bool _hasScopedRules;

    public DetectionEngine(RuleSet ruleSet, DecisionThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        ArgumentNullException.ThrowIfNull(thresholds);
        _rules = [.. ruleSet.Rules];
        _thresholds = thresholds;
        RuleSetVersion = ruleSet.Version;

        var terms = new List<(string Text, int Payload)>();
        var patternRules = new List<int>();
        for (int r = 0; r < _rules.Length; r++)
        {
            if (_rules[r].Kind == RuleKind.Pattern)
            {
                patternRules.Add(r);
                continue;
            }

            // Two spellings that normalise alike (内部资料, 内部 资料) would report the same span twice.
            foreach (string term in _rules[r].NormalizedTerms.Distinct(StringComparer.Ordinal))
            {
                terms.Add((term, r));
            }
        }

        _patternRules = [.. patternRules];
        _hasScopedRules = _rules.Any(r => r.Scope is not null);
        _terms = TermAutomaton.Build(terms);
    }

    public string RuleSetVersion { get; }

    /// <summary>An engine over the embedded default rule set with <see cref="DecisionThresholds.Default"/>.</summary>
    public static DetectionEngine CreateDefault() => new(RuleSet.LoadDefault(), DecisionThresholds.Default);

    /// <param name="fingerprints">
    /// Protected documents to compare the post with; their matches are findings of category
    /// <c>fingerprint</c>, fused into the score with the rule hits. Null scans with the rules alone.
    /// </param>
    public ScanResult Scan(ScanInput input, FingerprintIndex? fingerprints = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(input.Body, "input.Body");

        List<RuleHit>? hits = null;
        FingerprintEvidence? evidence = null;
        if (!string.IsNullOrEmpty(input.Title))
        {
            FindHits(input.Title, TextField.Title, fingerprints, ref hits, ref evidence);
        }

        FindHits(input.Body, TextField.Body, fingerprints, ref hits, ref evidence);
        if (hits is not null && _hasScopedRules)
        {
            hits.RemoveAll(hit => !_rules[hit.RuleIndex].AppliesTo(input.DivisionCode));
        }

        if (evidence is not null)
        {
            return FingerprintScan.Fuse(evidence, hits ?? [], _rules, _thresholds, RuleSetVersion);
        }

        if (hits is null || hits.Count == 0)
        {
            return new ScanResult(0, Decision.Publish, [], RuleSetVersion);
        }

        (double score, IReadOnlyList<Finding> findings) = ScoreFusion.Fuse(hits, _rules);
        return new ScanResult(score, _thresholds.Decide(score), findings, RuleSetVersion);
    }

    private void FindHits(string text, TextField field, FingerprintIndex? fingerprints, ref List<RuleHit>? hits, ref FingerprintEvidence? evidence)
    {
        using NormalizedText normalized = TextNormalizer.Normalize(text);
        ReadOnlySpan<char> folded = normalized.Text;
        fingerprints?.Collect(normalized, field, ref evidence);

        foreach (TermMatch match in _terms.Find(folded))
        {
            (int start, int length) = normalized.ToOriginal(match.Start, match.Length);
            (hits ??= []).Add(new RuleHit(match.Payload, field, start, length));
        }

        foreach (int r in _patternRules)
        {
            foreach (ValueMatch match in _rules[r].Regex!.EnumerateMatches(folded))
            {
                // A pattern that cannot match the empty string may still match it at a boundary (\b).
                if (match.Length == 0)
                {
                    continue;
                }

                (int start, int length) = normalized.ToOriginal(match.Index, match.Length);
                (hits ??= []).Add(new RuleHit(r, field, start, length));
            }
        }
    }
}
