namespace Moderation.Detection.Scoring;

/// <summary>
/// Turns rule hits into findings and one score.
/// <list type="number">
/// <item>A hit of a rule with a <see cref="RuleContext"/> carries the context weight when a hit of a
/// context category is near it (within the window in the same field, or anywhere in the other field).</item>
/// <item>Overlapping hits of one category are one piece of evidence: <c>密级：机密★10年</c> fires two
/// marking rules on one marking, and only the stronger counts.</item>
/// <item>Each rule counts once, with its best hit, so repeating a weak phrase cannot push a post to certainty.</item>
/// <item>Score = 1 − Π(1 − weight) over the counted rules (noisy-OR): independent pieces of evidence
/// reinforce each other, and the score stays in [0, 1].</item>
/// </list>
/// Every hit is still reported as a finding, so a reviewer sees all spans.
/// </summary>
internal static class ScoreFusion
{
    private static readonly int s_discussion = RuleCategories.BitOf(RuleCategories.Discussion);
    private static readonly int s_fingerprint = RuleCategories.BitOf(RuleCategories.Fingerprint);
    private static readonly int s_counter = RuleCategories.BitOf(RuleCategories.PublicRelease) | s_discussion;

    public static FusedEvidence Fuse(List<RuleHit> hits, IReadOnlyList<Rule> rules, ScanPolicy policy)
    {
        hits.Sort(static (a, b) =>
            a.Field != b.Field ? a.Field.CompareTo(b.Field)
            : a.Start != b.Start ? a.Start.CompareTo(b.Start)
            : a.Length != b.Length ? b.Length.CompareTo(a.Length)
            : a.RuleIndex.CompareTo(b.RuleIndex));

        (double[] weights, int[] raisedBy) = EffectiveWeights(hits, rules);
        List<(int Rule, double Weight)> counted = BestPerRule(hits, rules, weights);

        // Counter-evidence: one discount from every counter-evidence rule that fired (noisy-OR of their
        // weights). Public release spares a corroborating marking; discussion of secrecy lowers it too.
        double keep = 1;
        double keepCorroborating = 1;
        int counterRule = -1;
        int discussionRule = -1;
        foreach ((int r, double w) in counted)
        {
            if ((rules[r].CategoryBit & s_counter) != 0)
            {
                keep *= 1 - w;
                counterRule = counterRule < 0 ? r : counterRule;
                if ((rules[r].CategoryBit & s_discussion) != 0)
                {
                    keepCorroborating *= 1 - w;
                    discussionRule = discussionRule < 0 ? r : discussionRule;
                }
            }
        }

        double discount = 1 - keep;

        // A protected document's passage is no talk about secrecy: a fingerprint match is spared by every
        // counter-evidence, and a post it corroborates may be removed whatever else the post chats about.
        bool fingerprinted = counted.Exists(c => (rules[c.Rule].CategoryBit & s_fingerprint) != 0 && policy.Corroborates(rules[c.Rule], c.Weight));
        var evidence = new List<(int Rule, double Weight)>(counted.Count);
        foreach ((int r, double w) in counted)
        {
            if ((rules[r].CategoryBit & s_counter) == 0)
            {
                evidence.Add((r, w * KeepOf(rules[r], w)));
            }
        }

        var findings = new Finding[hits.Count];
        for (int i = 0; i < hits.Count; i++)
        {
            RuleHit hit = hits[i];
            Rule rule = rules[hit.RuleIndex];
            double weight = weights[i];
            string? context = Explain(rule, hits, rules, raisedBy[i]);
            if ((rule.CategoryBit & s_counter) != 0)
            {
                context = discussionRule < 0
                    ? $"counter-evidence: lowers the model and every piece of evidence but a corroborating one by {discount:0.##}"
                    : $"counter-evidence: lowers the model and every piece of evidence by {discount:0.##} (a corroborating one by {1 - keepCorroborating:0.##}); a post that discusses secrecy is held for a person, never removed";
            }
            else
            {
                double factor = KeepOf(rule, weight);
                if (factor < 1)
                {
                    weight *= factor;
                    int by = factor == keep ? counterRule : discussionRule;
                    string lowered = $"lowered by {1 - factor:0.##} by {rules[by].Category} '{rules[by].Id}'";
                    context = context is null ? lowered : $"{context}; {lowered}";
                }
            }

            findings[i] = new Finding(rule.Id, rule.Category, hit.Field, hit.Start, hit.Length, weight, rule.Description, context);
        }

        return new FusedEvidence(NoisyOr(evidence), findings, discount, evidence, rules, policy, discussionRule < 0 || fingerprinted ? null : rules[discussionRule].Id);

        // What share of a piece of evidence counter-evidence leaves: all of a fingerprint match, of a
        // corroborating marking what discussion leaves, of anything else what all counter-evidence leaves.
        double KeepOf(Rule rule, double weight) =>
            !policy.Corroborates(rule, weight) ? keep
            : (rule.CategoryBit & s_fingerprint) != 0 ? 1
            : keepCorroborating;
    }

    /// <summary>Why a hit carried its context weight: the rule whose hit raised (or lowered) it, and where.</summary>
    private static string? Explain(Rule rule, List<RuleHit> hits, IReadOnlyList<Rule> rules, int raisedBy)
    {
        if (raisedBy < 0)
        {
            return null;
        }

        RuleHit context = hits[raisedBy];
        Rule contextRule = rules[context.RuleIndex];
        string direction = rule.Context!.Weight >= rule.Weight ? "raised" : "lowered";
        return $"{direction} from {rule.Weight:0.##} to {rule.Context.Weight:0.##} by {contextRule.Category} '{contextRule.Id}' at {context.Field.ToString().ToLowerInvariant()} {context.Start}";
    }

    /// <summary>The weight each hit carries, and the index of the hit that supplied its context (-1 for none).</summary>
    private static (double[] Weights, int[] RaisedBy) EffectiveWeights(List<RuleHit> hits, IReadOnlyList<Rule> rules)
    {
        // Which categories fired in each field, for the cross-field part of the context check.
        Span<int> fieldCategories = stackalloc int[2];
        Span<int> longestHit = stackalloc int[2];
        foreach (RuleHit hit in hits)
        {
            fieldCategories[(int)hit.Field] |= rules[hit.RuleIndex].CategoryBit;
            longestHit[(int)hit.Field] = Math.Max(longestHit[(int)hit.Field], hit.Length);
        }

        var weights = new double[hits.Count];
        var raisedBy = new int[hits.Count];
        for (int i = 0; i < hits.Count; i++)
        {
            RuleHit hit = hits[i];
            Rule rule = rules[hit.RuleIndex];
            RuleContext? context = rule.Context;
            int source = context is null ? -1
                : (fieldCategories[1 - (int)hit.Field] & context.CategoryMask) != 0 ? FirstInOtherField(hits, rules, hit.Field, context)
                : ContextNearby(hits, rules, i, context, longestHit[(int)hit.Field]);
            weights[i] = source >= 0 ? context!.Weight : rule.Weight;
            raisedBy[i] = source;
        }

        return (weights, raisedBy);
    }

    private static int FirstInOtherField(List<RuleHit> hits, IReadOnlyList<Rule> rules, TextField field, RuleContext context)
    {
        for (int j = 0; j < hits.Count; j++)
        {
            if (hits[j].Field != field && (rules[hits[j].RuleIndex].CategoryBit & context.CategoryMask) != 0)
            {
                return j;
            }
        }

        return -1;
    }

    /// <summary>
    /// Hits are sorted by start, so only neighbours whose start lies within the window (plus the longest
    /// hit, for spans that begin earlier and reach towards this one) need looking at.
    /// </summary>
    private static int ContextNearby(List<RuleHit> hits, IReadOnlyList<Rule> rules, int index, RuleContext context, int longest)
    {
        RuleHit hit = hits[index];
        for (int j = index - 1; j >= 0 && hits[j].Field == hit.Field && hits[j].Start >= hit.Start - context.Window - longest; j--)
        {
            if (IsContext(hits[j], hit, rules, context))
            {
                return j;
            }
        }

        for (int j = index + 1; j < hits.Count && hits[j].Field == hit.Field && hits[j].Start <= hit.End + context.Window; j++)
        {
            if (IsContext(hits[j], hit, rules, context))
            {
                return j;
            }
        }

        return -1;
    }

    private static bool IsContext(RuleHit candidate, RuleHit hit, IReadOnlyList<Rule> rules, RuleContext context)
    {
        if ((rules[candidate.RuleIndex].CategoryBit & context.CategoryMask) == 0)
        {
            return false;
        }

        int gap = Math.Max(candidate.Start, hit.Start) - Math.Min(candidate.End, hit.End);
        return gap <= context.Window;
    }

    /// <summary>
    /// One representative per cluster of overlapping hits of one category in one field, then the best
    /// weight per rule. Hits of different categories are different evidence even when they touch
    /// (a document number whose organ prefix runs into the marking before it).
    /// </summary>
    private static List<(int Rule, double Weight)> BestPerRule(List<RuleHit> hits, IReadOnlyList<Rule> rules, double[] weights)
    {
        // hits is sorted by field then start; OrderBy is stable, so that order holds within each category.
        int[] categories = [.. hits.Select(h => rules[h.RuleIndex].CategoryBit)];
        int[] byCategory = [.. Enumerable.Range(0, hits.Count).OrderBy(i => hits[i].Field).ThenBy(i => categories[i])];

        var best = new List<(int Rule, double Weight)>();
        int representative = byCategory[0];
        int clusterEnd = hits[representative].End;
        for (int k = 1; k <= byCategory.Length; k++)
        {
            int i = k < byCategory.Length ? byCategory[k] : -1;
            bool overlaps = i >= 0
                && hits[i].Field == hits[representative].Field
                && categories[i] == categories[representative]
                && hits[i].Start < clusterEnd;
            if (overlaps)
            {
                clusterEnd = Math.Max(clusterEnd, hits[i].End);
                if (weights[i] > weights[representative])
                {
                    representative = i;
                }

                continue;
            }

            Keep(best, hits[representative].RuleIndex, weights[representative]);
            if (i >= 0)
            {
                representative = i;
                clusterEnd = hits[i].End;
            }
        }

        return best;
    }

    private static void Keep(List<(int Rule, double Weight)> best, int rule, double weight)
    {
        for (int k = 0; k < best.Count; k++)
        {
            if (best[k].Rule == rule)
            {
                best[k] = (rule, Math.Max(best[k].Weight, weight));
                return;
            }
        }

        best.Add((rule, weight));
    }

    private static double NoisyOr(List<(int Rule, double Weight)> evidence)
    {
        double allMiss = 1;
        foreach ((_, double weight) in evidence)
        {
            allMiss *= 1 - weight;
        }

        return Math.Clamp(1 - allMiss, 0, 1);
    }
}
