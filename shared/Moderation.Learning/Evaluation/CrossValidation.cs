using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Moderation.Detection;
using Moderation.Detection.Classification;
using Moderation.Learning.Corpus;
using Moderation.Learning.Training;

namespace Moderation.Learning.Evaluation;

/// <summary>
/// Chooses the model's hold point (<see cref="ScanPolicy.ModelHold"/>) on training posts, never on a
/// test set: the folded posts are split into folds by family, and each fold is scanned by the rules and
/// a model trained on everything but that fold, so every post is judged by a model that never saw its
/// kind of writing. Those out-of-fold scans are then replayed at each candidate hold point.
/// </summary>
/// <remarks>
/// A post of a family the model has seen is nearly always right; only out-of-fold figures say what a
/// hold point does to writing the system has not met. Folds follow a stable hash of the family, so the
/// same corpus always gives the same folds and the same figures.
/// </remarks>
public static class CrossValidation
{
    /// <summary>The hold points tried when none are given: from very eager to very reluctant.</summary>
    public static IReadOnlyList<double> DefaultCandidates { get; } = [0.002, 0.005, 0.01, 0.02, 0.03, 0.05, 0.1, 0.2];

    /// <summary>The fold a family falls in: a stable hash of its name, so folds never depend on order.</summary>
    public static int FoldOf(string family, int folds)
    {
        ArgumentNullException.ThrowIfNull(family);
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        return (int)(BinaryPrimitives.ReadUInt64LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes(family))) % (ulong)folds);
    }

    /// <param name="folded">The posts that are folded and measured (normally the hand-written training posts).</param>
    /// <param name="alwaysTrained">Posts every fold's model learns from and that are never measured (normally the generated training split).</param>
    /// <param name="targetFalsePositiveRate">The largest share of clean folded posts the chosen hold point may hold or remove.</param>
    public static CrossValidationReport Run(
        IReadOnlyList<CorpusExample> folded,
        IReadOnlyList<CorpusExample> alwaysTrained,
        RuleSet rules,
        FeatureSettings settings,
        int folds,
        double targetFalsePositiveRate,
        IReadOnlyList<double>? candidates = null,
        IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(folded);
        ArgumentNullException.ThrowIfNull(alwaysTrained);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        if (targetFalsePositiveRate is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(targetFalsePositiveRate), targetFalsePositiveRate, "a rate from 0 to 1");
        }

        candidates ??= DefaultCandidates;
        if (candidates.Count == 0 || candidates.Any(c => c is <= 0 or >= 1))
        {
            throw new ArgumentException("hold points are probabilities strictly between 0 and 1", nameof(candidates));
        }

        int[] foldOf = [.. folded.Select(e => FoldOf(e.Family, folds))];
        List<int> emptyFolds = [.. Enumerable.Range(0, folds).Where(f => !foldOf.Contains(f))];
        if (emptyFolds.Count > 0)
        {
            throw new ArgumentException($"{folds} folds need more families: fold {emptyFolds[0] + 1} has no post", nameof(folds));
        }

        // One classifier per fold, trained without that fold's families.
        var classifiers = new TextClassifier[folds];
        for (int f = 0; f < folds; f++)
        {
            progress?.Report($"fold {f + 1} of {folds}: training without {foldOf.Count(x => x == f):N0} posts");
            List<CorpusExample> training = [.. alwaysTrained, .. folded.Where((_, i) => foldOf[i] != f)];
            using ModerationModel model = ModelTrainer.Train(training, settings);
            classifiers[f] = model.Classifier;
        }

        progress?.Report($"replaying {folded.Count:N0} posts at {candidates.Count} hold points");
        var rulesAlone = new DetectionEngine(rules);
        Decision[] ruleDecisions = [.. folded.Select(e => rulesAlone.Scan(new ScanInput(e.Title, e.Body)).Decision)];
        var points = new List<HoldPoint>(candidates.Count);
        foreach (double hold in candidates.Order())
        {
            var engine = new DetectionEngine(rules.WithPolicy(rules.Policy with { ModelHold = hold }));
            Decision[] decisions = [.. folded.Select((e, i) => engine.Scan(new ScanInput(e.Title, e.Body), null, classifiers[foldOf[i]]).Decision)];
            points.Add(HoldPoint.Of(hold, folded, decisions));
        }

        HoldPoint? chosen = points.Where(p => p.FalsePositiveRate <= targetFalsePositiveRate && p.CleanRemoved == 0)
            .OrderByDescending(p => p.Recall)
            .ThenByDescending(p => p.ModelHold)
            .FirstOrDefault();
        double[] probabilities = [.. folded.Select((e, i) => classifiers[foldOf[i]].Predict(e.Title, e.Body))];
        return new CrossValidationReport(folds, folded.Count, folded.Count(e => e.IsSecret), alwaysTrained.Count, targetFalsePositiveRate, rules.Policy.ModelHold, HoldPoint.Of(double.NaN, folded, ruleDecisions), points, chosen)
        {
            ModelAlone = ModelAloneFigures.Of(folded, probabilities),
        };
    }
}

/// <summary>What the fused system does with the folded posts at one hold point, judged out of fold.</summary>
/// <param name="ModelHold">The hold point; NaN for the rules alone.</param>
/// <param name="Recall">Share of leaks held or removed.</param>
/// <param name="FalsePositiveRate">Share of clean posts held or removed.</param>
/// <param name="CleanRemoved">Clean posts removed (reported to a department): must be none.</param>
/// <param name="Missed">Leaks published, by category.</param>
/// <param name="Flagged">Clean posts held or removed, by category.</param>
public sealed record HoldPoint(
    double ModelHold,
    double Recall,
    double FalsePositiveRate,
    int CleanRemoved,
    IReadOnlyDictionary<string, int> Missed,
    IReadOnlyDictionary<string, int> Flagged)
{
    public static HoldPoint Of(double hold, IReadOnlyList<CorpusExample> posts, IReadOnlyList<Decision> decisions)
    {
        int leaks = posts.Count(p => p.IsSecret);
        int clean = posts.Count - leaks;
        var missed = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var flagged = new SortedDictionary<string, int>(StringComparer.Ordinal);
        int caught = 0, falsePositives = 0, removed = 0;
        for (int i = 0; i < posts.Count; i++)
        {
            bool acted = decisions[i] != Decision.Publish;
            if (posts[i].IsSecret)
            {
                caught += acted ? 1 : 0;
                if (!acted)
                {
                    missed[posts[i].Category] = missed.GetValueOrDefault(posts[i].Category) + 1;
                }

                continue;
            }

            if (acted)
            {
                falsePositives++;
                flagged[posts[i].Category] = flagged.GetValueOrDefault(posts[i].Category) + 1;
                removed += decisions[i] == Decision.Remove ? 1 : 0;
            }
        }

        return new HoldPoint(hold, leaks == 0 ? 0 : (double)caught / leaks, clean == 0 ? 0 : (double)falsePositives / clean, removed, missed, flagged);
    }
}

/// <summary>
/// The fold models alone on the folded posts, out of fold: how well their probabilities rank leaks
/// above clean posts, whatever the hold point. Recall at a false-positive rate is read at the best
/// threshold for that rate on these same scores, so it bounds what any hold point could give.
/// </summary>
/// <param name="RocAuc">Area under the ROC curve of the out-of-fold probabilities.</param>
/// <param name="RecallAtFpr01">Most recall with at most 1% of clean posts at or above the threshold.</param>
/// <param name="RecallAtFpr02">Most recall with at most 2% of clean posts at or above the threshold.</param>
/// <param name="RecallAtFpr05">Most recall with at most 5% of clean posts at or above the threshold.</param>
public sealed record ModelAloneFigures(double RocAuc, double RecallAtFpr01, double RecallAtFpr02, double RecallAtFpr05)
{
    public static ModelAloneFigures Of(IReadOnlyList<CorpusExample> posts, IReadOnlyList<double> probabilities)
    {
        ArgumentNullException.ThrowIfNull(posts);
        ArgumentNullException.ThrowIfNull(probabilities);
        return new ModelAloneFigures(
            SystemReport.AreaUnderRoc(posts, probabilities),
            RecallAt(posts, probabilities, 0.01),
            RecallAt(posts, probabilities, 0.02),
            RecallAt(posts, probabilities, 0.05));
    }

    /// <summary>Recall at the lowest threshold that flags at most <paramref name="fpr"/> of the clean posts (ties flag together).</summary>
    public static double RecallAt(IReadOnlyList<CorpusExample> posts, IReadOnlyList<double> scores, double fpr)
    {
        int leaks = posts.Count(p => p.IsSecret);
        int clean = posts.Count - leaks;
        if (leaks == 0 || clean == 0)
        {
            return 0;
        }

        int allowed = (int)Math.Floor(fpr * clean);
        double best = 0;
        int caught = 0, flagged = 0;
        IEnumerable<IGrouping<double, int>> byScore = Enumerable.Range(0, posts.Count).GroupBy(i => scores[i]).OrderByDescending(g => g.Key);
        foreach (IGrouping<double, int> tie in byScore)
        {
            caught += tie.Count(i => posts[i].IsSecret);
            flagged += tie.Count(i => !posts[i].IsSecret);
            if (flagged > allowed)
            {
                break;
            }

            best = (double)caught / leaks;
        }

        return best;
    }
}

/// <summary>The out-of-fold figures at every hold point tried, and the one chosen.</summary>
/// <param name="CurrentHold">The hold point of the rule set measured, for comparison.</param>
/// <param name="RulesAlone">The rules without a model: the false-positive floor no hold point goes below.</param>
/// <param name="Chosen">The hold point with the most recall within the target and no clean post removed; null when none meets it.</param>
public sealed record CrossValidationReport(
    int Folds,
    int Posts,
    int Leaks,
    int AlwaysTrained,
    double TargetFalsePositiveRate,
    double CurrentHold,
    HoldPoint RulesAlone,
    IReadOnlyList<HoldPoint> Points,
    HoldPoint? Chosen)
{
    /// <summary>The fold models alone, out of fold; null in reports written before it was measured.</summary>
    public ModelAloneFigures? ModelAlone { get; init; }
}
