using Moderation.Detection;
using Moderation.Learning.Corpus;
using Moderation.Learning.Training;

namespace Moderation.Learning.Evaluation;

/// <summary>
/// Rules alone, the model alone, and the two fused, on the same labelled posts (normally the corpus's
/// test split: template families the model never saw).
/// </summary>
public sealed record EvaluationReport(
    string ModelVersion,
    string RuleSetVersion,
    string Split,
    int Examples,
    int SecretExamples,
    FusionMethod Fusion,
    double HoldThreshold,
    double RemoveThreshold,
    SystemReport Rules,
    SystemReport Model,
    SystemReport Fused)
{
    /// <summary>The fusion the system uses; <c>README.md</c> says why.</summary>
    public const FusionMethod DefaultFusion = FusionMethod.NoisyOr;

    public IEnumerable<SystemReport> Systems => [Rules, Model, Fused];

    public static EvaluationReport Evaluate(
        ModerationModel model,
        DetectionEngine rules,
        IReadOnlyList<CorpusExample> examples,
        string split,
        FusionMethod fusion = DefaultFusion,
        DecisionThresholds? thresholds = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(examples);
        thresholds ??= DecisionThresholds.Default;
        if (examples.Count == 0)
        {
            throw new ArgumentException("nothing to evaluate: no examples", nameof(examples));
        }

        double[] ruleScores = [.. examples.Select(e => rules.Scan(new ScanInput(e.Title, e.Body)).Score)];
        double[] modelScores = model.PredictBatch([.. examples.Select(e => (e.Title, e.Body))]);
        double[] fusedScores = [.. ruleScores.Select((r, i) => Evaluation.Fusion.Combine(fusion, r, modelScores[i]))];

        double hold = thresholds.Hold;
        double remove = thresholds.Remove;
        return new EvaluationReport(
            model.Metadata.Version,
            rules.RuleSetVersion,
            split,
            examples.Count,
            examples.Count(e => e.IsSecret),
            fusion,
            hold,
            remove,
            SystemReport.Build("rules", examples, ruleScores, hold, remove),
            SystemReport.Build("model", examples, modelScores, hold, remove),
            SystemReport.Build(fusion == FusionMethod.NoisyOr ? "rules + model (noisy-OR)" : "rules + model (max)", examples, fusedScores, hold, remove));
    }

    /// <summary>The model alone, compactly, for the model file's metadata.</summary>
    public ModelMetrics ModelMetrics() => new(
        Split,
        Examples,
        Math.Round(Model.RocAuc, 6),
        HoldThreshold,
        Math.Round(Model.AtHold.Precision, 6),
        Math.Round(Model.AtHold.Recall, 6),
        Math.Round(Model.AtHold.F1, 6),
        Math.Round(Model.AtHold.FalsePositiveRate, 6),
        RemoveThreshold,
        Math.Round(Model.AtRemove.Recall, 6),
        Math.Round(Model.AtRemove.FalsePositiveRate, 6));
}
