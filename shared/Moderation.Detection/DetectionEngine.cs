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
    private readonly PatternGroup[] _patternGroups;
    private readonly TermAutomaton _terms;
    private readonly ScanPolicy _policy;
    private readonly bool _hasScopedRules;

    /// <summary>An engine that decides by the rule set's own <see cref="RuleSet.Policy"/>.</summary>
    public DetectionEngine(RuleSet ruleSet)
        : this(ruleSet, ruleSet?.Policy.Thresholds!)
    {
    }

    /// <summary>An engine that decides by the rule set's policy, with <paramref name="thresholds"/> instead of its thresholds.</summary>
    public DetectionEngine(RuleSet ruleSet, DecisionThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        ArgumentNullException.ThrowIfNull(thresholds);
        RuleSet = ruleSet;
        _rules = [.. ruleSet.Rules];
        _policy = ruleSet.Policy with { Thresholds = thresholds };
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

        _patternGroups = PatternGroups(_rules, [.. patternRules]);
        _hasScopedRules = _rules.Any(r => r.Scope is not null);
        _terms = TermAutomaton.Build(terms);
    }

    public string RuleSetVersion { get; }

    /// <summary>The rule set this engine was built from.</summary>
    public RuleSet RuleSet { get; }

    /// <summary>The thresholds, base rate and removal requirements this engine decides by.</summary>
    public ScanPolicy Policy => _policy;

    /// <summary>An engine over the embedded default rule set and its policy.</summary>
    public static DetectionEngine CreateDefault() => new(RuleSet.LoadDefault());

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
            double? probability = null;
            if (classifier is not null)
            {
                modelDone = true;
                probability = classifier.Complete(ref model);
            }

            return Decide(RuleEvidence(input, hits, evidence), classifier, probability);
        }
        finally
        {
            if (classifier is not null && !modelDone)
            {
                TextClassifier.Abandon(ref model);
            }
        }
    }

    private FusedEvidence RuleEvidence(ScanInput input, List<RuleHit>? hits, FingerprintEvidence? evidence)
    {
        if (hits is not null && _hasScopedRules)
        {
            hits.RemoveAll(hit => !_rules[hit.RuleIndex].AppliesTo(input.Areas));
        }

        if (evidence is not null)
        {
            return FingerprintScan.Fuse(evidence, hits ?? [], _rules, _policy);
        }

        return hits is null || hits.Count == 0 ? FusedEvidence.None : ScoreFusion.Fuse(hits, _rules, _policy);
    }

    /// <summary>
    /// The model's probability, moved to the forum's base rate and lowered by any counter-evidence,
    /// joins the rule and fingerprint evidence by noisy-OR (two independent, moderate signals together
    /// reach hold; neither can lower what the other found). The score picks the action, except that
    /// removal needs corroboration (<see cref="ScanPolicy"/>): without it a post that scores for
    /// removal is held, and the verdict says why.
    /// </summary>
    private ScanResult Decide(FusedEvidence rules, TextClassifier? classifier, double? probability)
    {
        ModelScore? model = null;
        double score = rules.Score;
        if (classifier is not null && probability is { } raw)
        {
            double calibrated = _policy.Calibrate(raw, classifier.TrainingPrior) * (1 - rules.Discount);
            double evidence = _policy.ModelEvidence(calibrated);
            model = new ModelScore(classifier.Version, calibrated, raw, _policy.ModelBaseRate, evidence);
            score = Math.Clamp(1 - ((1 - score) * (1 - evidence)), 0, 1);
        }

        DecisionThresholds thresholds = _policy.Thresholds;
        Decision decision = thresholds.Decide(score);
        string? basis = null;
        if (decision == Decision.Remove)
        {
            if (rules.DiscussedBy is { } discussion)
            {
                decision = Decision.Hold;
                basis = $"Held, not removed: score {score:0.00} reaches removal ({thresholds.Remove:0.##}) but the post discusses secrecy (discussion '{discussion}'): a person decides before anyone is reported";
            }
            else if (rules.DescribeCorroboration() is { } why)
            {
                basis = $"Removed: score {score:0.00} with corroborating evidence: {why}";
            }
            else
            {
                decision = Decision.Hold;
                basis = $"Held, not removed: score {score:0.00} reaches removal ({thresholds.Remove:0.##}) but nothing corroborates it; removal needs a {string.Join(", ", _policy.CorroboratingCategories)} hit of {_policy.StrongWeight:0.##} or more, or strong evidence in {_policy.IndependentCategories} independent rule categories, and the model alone never removes";
            }
        }
        else if (decision == Decision.Hold)
        {
            basis = rules.Score >= thresholds.Hold
                ? $"Held: score {score:0.00} (rules {rules.Score:0.00}) reaches hold ({thresholds.Hold:0.##})"
                : $"Held: score {score:0.00} reaches hold ({thresholds.Hold:0.##}) with the model's probability {model?.Probability ?? 0:0.000} at a base rate of {_policy.ModelBaseRate:0.####} (it holds alone at {_policy.ModelHold:0.###}) beside rules at {rules.Score:0.00}";
        }

        if (rules.Findings.Count == 0 && model is null)
        {
            return new ScanResult(0, Decision.Publish, [], RuleSetVersion);
        }

        return new ScanResult(score, decision, rules.Findings, RuleSetVersion, model, basis);
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
            if (!Disguise.IsWrittenAs(_rules[match.Payload].WrittenAs, text, start, length, folded.Slice(match.Start, match.Length)))
            {
                continue;
            }

            (hits ??= []).Add(new RuleHit(match.Payload, field, start, length));
        }

        foreach (PatternGroup group in _patternGroups)
        {
            if (group.Gate?.IsMatch(folded) == false)
            {
                continue;
            }

            foreach (int r in group.Rules)
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

    /// <summary>
    /// The pattern rules in small groups, each behind a gate: the group's patterns as one alternation,
    /// asked once per field whether any of them matches at all. Each non-backtracking pattern costs a
    /// pass over the text and most posts match none of a group's patterns, so a group costs one pass
    /// instead of one a pattern; a group whose gate matches runs its patterns one by one, since the
    /// alternation cannot say which matched or report overlapping matches. One gate for every pattern
    /// stopped building once the rule set passed about forty patterns (its automaton went over the
    /// engine's limit of 10,000 nodes), and without it every pattern ran on every post: the patterns
    /// alone took 62 µs a yardstick post, against about 21 µs in groups of five (README, "Figures"). A group whose
    /// alternation does not build is split in two until it does (a single pattern needs no gate).
    /// </summary>
    private static PatternGroup[] PatternGroups(Rule[] rules, int[] patternRules) =>
        [.. patternRules.Chunk(PatternGroupSize).SelectMany(group => Gated(rules, group))];

    private static IEnumerable<PatternGroup> Gated(Rule[] rules, int[] group)
    {
        if (group.Length == 1)
        {
            return [new PatternGroup(null, group)];
        }

        Regex? gate = Alternation(rules, group);
        return gate is not null
            ? [new PatternGroup(gate, group)]
            : Gated(rules, group[..(group.Length / 2)]).Concat(Gated(rules, group[(group.Length / 2)..]));
    }

    private static Regex? Alternation(Rule[] rules, int[] group)
    {
        string alternation = string.Join('|', group.Select(r => $"(?:{rules[r].Regex})"));
        try
        {
            return new Regex(alternation, RuleSetParser.PatternOptions);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>Patterns a group holds at most: over the yardstick's posts groups of four or five cost least (three: 28 µs a post, five: 21, eight: 36).</summary>
    private const int PatternGroupSize = 5;

    /// <summary>Pattern rules asked together: <see cref="Gate"/> (null for a group of one) says whether any of <see cref="Rules"/> matches.</summary>
    private sealed record PatternGroup(Regex? Gate, int[] Rules);

    /// <summary>How the pattern rules are grouped behind gates, for tests: each group's size and whether its gate built.</summary>
    internal IReadOnlyList<(int Patterns, bool Gated)> PatternGates => [.. _patternGroups.Select(g => (g.Rules.Length, g.Gate is not null))];
}
