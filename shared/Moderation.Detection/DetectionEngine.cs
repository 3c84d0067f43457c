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
    private readonly PatternRule[] _patterns;
    private readonly int _branches;         // the pattern rules' branches, numbered across rules (PatternRule.FirstBranch)
    private readonly TrialSlots _trialSlots = new(TrialSlots.PerEngine);
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

        var terms = new List<(string Text, int Payload, bool WholeWord)>();
        var patterns = new List<PatternRule>();
        for (int r = 0; r < _rules.Length; r++)
        {
            if (_rules[r].Kind == RuleKind.Pattern)
            {
                // A branch's literals join the term automaton under a payload past the rules' (the
                // rule count plus the branch's number), found inside words too: they only say that
                // the branch may match, not that it did.
                patterns.Add(new PatternRule(r, [.. _rules[r].Branches], _branches));
                foreach (PatternMatcher branch in _rules[r].Branches)
                {
                    foreach (string literal in branch.Literals ?? [])
                    {
                        terms.Add((literal, _rules.Length + _branches, false));
                    }

                    _branches++;
                }

                continue;
            }

            // Two spellings that normalise alike (内部资料, 内部 资料) would report the same span twice.
            foreach (string term in _rules[r].NormalizedTerms.Distinct(StringComparer.Ordinal))
            {
                terms.Add((term, r, true));
            }
        }

        _patterns = [.. patterns];
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
        _trialSlots.Scanned();

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

        // Which pattern branches the text holds a literal of (a branch without literals always runs).
        Span<bool> armed = _branches <= 512 ? stackalloc bool[_branches] : new bool[_branches];
        foreach (TermMatch match in _terms.Find(folded))
        {
            if (match.Payload >= _rules.Length)
            {
                armed[match.Payload - _rules.Length] = true;
                continue;
            }

            Rule rule = _rules[match.Payload];
            (int start, int length) = normalized.ToOriginal(match.Start, match.Length);
            if (!Disguise.IsWrittenAs(rule.WrittenAs, text, start, length, folded.Slice(match.Start, match.Length)))
            {
                continue;
            }

            (hits ??= []).Add(new RuleHit(match.Payload, field, start, length));
        }

        foreach (PatternRule pattern in _patterns)
        {
            PatternMatcher[] branches = pattern.Branches;
            int ruleHitsFrom = hits?.Count ?? 0;
            for (int b = 0; b < branches.Length; b++)
            {
                PatternMatcher matcher = branches[b];
                if (matcher.Literals is not null && !armed[pattern.FirstBranch + b])
                {
                    continue;
                }

                AddMatchesWithinBudget(matcher, pattern.Rule, field, in normalized, ref hits);
                if (matcher.Trying)
                {
                    matcher.Compare(folded, _trialSlots);
                }
            }

            if (branches.Length > 1 && hits is not null)
            {
                DropOverlaps(hits, ruleHitsFrom);
            }
        }
    }

    /// <summary>
    /// The hits of one split rule (<see cref="PatternBranches"/>) from <paramref name="from"/> on, in
    /// text order, without a hit that overlaps an earlier one: where two branches matched one span,
    /// the alternation would have reported it once.
    /// </summary>
    private static void DropOverlaps(List<RuleHit> hits, int from)
    {
        int count = hits.Count - from;
        if (count < 2)
        {
            return;
        }

        hits.Sort(from, count, RuleHitOrder.Instance);
        int kept = from;
        for (int i = from + 1; i < hits.Count; i++)
        {
            RuleHit last = hits[kept];
            if (hits[i].Start < last.Start + last.Length)
            {
                continue;
            }

            hits[++kept] = hits[i];
        }

        hits.RemoveRange(kept + 1, hits.Count - kept - 1);
    }

    /// <summary>By start, the longer first at one start.</summary>
    private sealed class RuleHitOrder : IComparer<RuleHit>
    {
        public static readonly RuleHitOrder Instance = new();

        public int Compare(RuleHit a, RuleHit b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.Length.CompareTo(a.Length);
    }

    /// <summary>
    /// A backtracking run over budget drops what it found and reads the text again: on the same
    /// regex the first time, in linear time after that (<see cref="PatternMatcher.OverBudget"/>),
    /// where no budget applies, so the loop ends.
    /// </summary>
    private static void AddMatchesWithinBudget(PatternMatcher matcher, int rule, TextField field, scoped in NormalizedText normalized, ref List<RuleHit>? hits)
    {
        while (true)
        {
            int before = hits?.Count ?? 0;
            try
            {
                AddMatches(matcher.Regex, rule, field, in normalized, ref hits);
                return;
            }
            catch (RegexMatchTimeoutException)
            {
                hits?.RemoveRange(before, hits.Count - before);
                matcher.OverBudget();
            }
        }
    }

    private static void AddMatches(Regex regex, int rule, TextField field, scoped in NormalizedText normalized, ref List<RuleHit>? hits)
    {
        foreach (ValueMatch match in regex.EnumerateMatches(normalized.Text))
        {
            // A pattern that cannot match the empty string may still match it at a boundary (\b).
            if (match.Length == 0)
            {
                continue;
            }

            (int start, int length) = normalized.ToOriginal(match.Index, match.Length);
            (hits ??= []).Add(new RuleHit(rule, field, start, length));
        }
    }

    /// <summary>
    /// A pattern rule, its branches, and the number of its first branch (<see cref="PatternBranches"/>) among all the
    /// rules' branches, which is where the term pass marks the branches whose literals
    /// (<see cref="PatternLiterals"/>) the text holds; a branch with literals runs only then. Most
    /// posts hold none of most branches' literals, so most branches never read most posts, and their
    /// automaton caches stay small. This replaced gates of five patterns as one alternation each,
    /// which cost a pass a gate and 161 MB of automaton states over the yardstick's posts (README,
    /// "Figures").
    /// </summary>
    private readonly record struct PatternRule(int Rule, PatternMatcher[] Branches, int FirstBranch);

    /// <summary>The pattern rules that run on every text because no literal could be derived from them, for tests.</summary>
    internal IReadOnlyList<string> UnfilteredPatterns =>
        [.. _patterns.Where(p => p.Branches.Any(b => b.Literals is null)).Select(p => _rules[p.Rule].Id)];
}
