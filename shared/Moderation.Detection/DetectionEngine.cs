using System.Text.RegularExpressions;
using Moderation.Detection.Classification;
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
    /// <param name="classifier">
    /// The model to score the post with, over the same normalised text the rules read (one
    /// normalisation for both). Its probability joins the rule and fingerprint evidence by noisy-OR
    /// and is reported in <see cref="ScanResult.Model"/>. Null scans without a model.
    /// </param>
    public ScanResult Scan(ScanInput input, FingerprintIndex? fingerprints = null, TextClassifier? classifier = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(input.Body, "input.Body");

        List<RuleHit>? hits = null;
        FingerprintEvidence? evidence = null;
        NgramHasher<FeatureCounts> model = classifier?.Begin() ?? default;
        bool modelDone = false;
        try
        {
            if (!string.IsNullOrEmpty(input.Title))
            {
                FindHits(input.Title, TextField.Title, fingerprints, classifier is not null, ref model, ref hits, ref evidence);
                if (classifier is not null)
                {
                    model.Separate();
                }
            }

            FindHits(input.Body, TextField.Body, fingerprints, classifier is not null, ref model, ref hits, ref evidence);
            ModelScore? modelScore = null;
            if (classifier is not null)
            {
                modelDone = true;
                modelScore = new ModelScore(classifier.Version, classifier.Complete(ref model));
            }

            return WithModel(RuleResult(input, hits, evidence), modelScore);
        }
        finally
        {
            if (classifier is not null && !modelDone)
            {
                TextClassifier.Abandon(ref model);
            }
        }
    }

    private ScanResult RuleResult(ScanInput input, List<RuleHit>? hits, FingerprintEvidence? evidence)
    {
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

    /// <summary>
    /// Noisy-OR of the model with the rule and fingerprint evidence, the way rule hits already combine:
    /// two independent, moderate signals (a handling phrase and a model at 0.6) together reach hold,
    /// and neither can lower what the other found.
    /// </summary>
    private ScanResult WithModel(ScanResult rules, ModelScore? model)
    {
        if (model is null)
        {
            return rules;
        }

        double score = Math.Clamp(1 - ((1 - rules.Score) * (1 - model.Probability)), 0, 1);
        return rules with { Score = score, Decision = _thresholds.Decide(score), Model = model };
    }

    private void FindHits(
        string text, TextField field, FingerprintIndex? fingerprints, bool scoring, ref NgramHasher<FeatureCounts> model, ref List<RuleHit>? hits, ref FingerprintEvidence? evidence)
    {
        using NormalizedText normalized = TextNormalizer.Normalize(text);
        ReadOnlySpan<char> folded = normalized.Text;
        fingerprints?.Collect(normalized, field, ref evidence);
        if (scoring)
        {
            model.Append(folded);
        }

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
