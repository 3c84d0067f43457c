using Moderation.Detection;
using Moderation.Learning.Corpus;

namespace Moderation.Learning.Evaluation;

/// <summary>The figures of one scoring system (rules, model, or both fused) on a labelled set.</summary>
public sealed record SystemReport(
    string Name,
    double RocAuc,
    OperatingPoint AtHold,
    OperatingPoint AtRemove,
    IReadOnlyList<OperatingPoint> Thresholds,
    IReadOnlyList<CurvePoint> PrecisionRecall,
    IReadOnlyList<CategoryFigures> Categories)
{
    /// <summary>The thresholds of the table: every 0.05, plus the ends where decisions tend to sit.</summary>
    public static IReadOnlyList<double> TableThresholds { get; } =
        [0.01, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.99];

    /// <param name="decisions">
    /// The actions the system took, when they are more than the score against the thresholds (the
    /// engine holds a removal that nothing corroborates, the model alone never removes); the figures
    /// at hold and remove then count actions. Null: a post is held or removed by its score alone.
    /// </param>
    public static SystemReport Build(string name, IReadOnlyList<CorpusExample> examples, IReadOnlyList<double> scores, double hold, double remove, IReadOnlyList<Decision>? decisions = null)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(scores);
        if (examples.Count != scores.Count)
        {
            throw new ArgumentException("one score per example", nameof(scores));
        }

        var categories = examples
            .Select((example, i) => (example, score: scores[i], i))
            .GroupBy(x => x.example.Category, StringComparer.Ordinal)
            .Select(g =>
            {
                bool secret = g.First().example.IsSecret;
                int n = g.Count();
                return new CategoryFigures(
                    g.Key,
                    CorpusCategories.GroupOf(g.Key, secret),
                    n,
                    (double)g.Count(x => Flagged(x.i, hold, Decision.Hold)) / n,
                    (double)g.Count(x => Flagged(x.i, remove, Decision.Remove)) / n);
            })
            .OrderBy(c => c.Group)
            .ThenBy(c => c.Category, StringComparer.Ordinal)
            .ToList();

        bool Flagged(int i, double threshold, Decision action) => decisions is null ? scores[i] >= threshold : decisions[i] >= action;

        return new SystemReport(
            name,
            AreaUnderRoc(examples, scores),
            At(hold, examples, i => Flagged(i, hold, Decision.Hold)),
            At(remove, examples, i => Flagged(i, remove, Decision.Remove)),
            [.. TableThresholds.Select(t => At(t, examples, scores))],
            Curve(examples, scores),
            categories);
    }

    public static OperatingPoint At(double threshold, IReadOnlyList<CorpusExample> examples, IReadOnlyList<double> scores) =>
        At(threshold, examples, i => scores[i] >= threshold);

    private static OperatingPoint At(double threshold, IReadOnlyList<CorpusExample> examples, Func<int, bool> isFlagged)
    {
        int tp = 0, fp = 0, tn = 0, fn = 0, nearFlagged = 0, near = 0;
        for (int i = 0; i < examples.Count; i++)
        {
            bool flagged = isFlagged(i);
            CorpusExample example = examples[i];
            if (example.IsSecret)
            {
                _ = flagged ? tp++ : fn++;
                continue;
            }

            _ = flagged ? fp++ : tn++;
            if (CorpusCategories.GroupOf(example.Category, isSecret: false) == CategoryGroup.NearMiss)
            {
                near++;
                nearFlagged += flagged ? 1 : 0;
            }
        }

        return new OperatingPoint(threshold, tp, fp, tn, fn, nearFlagged, near);
    }

    /// <summary>Area under the ROC curve: the chance a random leak outscores a random clean post, ties counting half.</summary>
    public static double AreaUnderRoc(IReadOnlyList<CorpusExample> examples, IReadOnlyList<double> scores)
    {
        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();
        double positiveRankSum = 0;
        int positives = 0;
        int at = 0;
        while (at < order.Length)
        {
            int end = at;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[at]])
            {
                end++;
            }

            double averageRank = ((at + end) / 2.0) + 1;
            for (int k = at; k <= end; k++)
            {
                if (examples[order[k]].IsSecret)
                {
                    positives++;
                    positiveRankSum += averageRank;
                }
            }

            at = end + 1;
        }

        int negatives = scores.Count - positives;
        return positives == 0 || negatives == 0
            ? double.NaN
            : (positiveRankSum - (positives * (positives + 1) / 2.0)) / ((double)positives * negatives);
    }

    /// <summary>Precision and recall at every distinct score, from the highest threshold down.</summary>
    public static IReadOnlyList<CurvePoint> Curve(IReadOnlyList<CorpusExample> examples, IReadOnlyList<double> scores)
    {
        int positives = examples.Count(e => e.IsSecret);
        var order = Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ToArray();
        var points = new List<CurvePoint>();
        int tp = 0, flagged = 0;
        for (int k = 0; k < order.Length; k++)
        {
            flagged++;
            tp += examples[order[k]].IsSecret ? 1 : 0;
            bool lastOfTie = k + 1 == order.Length || scores[order[k + 1]] != scores[order[k]];
            if (lastOfTie)
            {
                points.Add(new CurvePoint(scores[order[k]], (double)tp / flagged, positives == 0 ? 0 : (double)tp / positives));
            }
        }

        return points;
    }
}
