using Moderation.Detection;
using Moderation.Detection.Classification;
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
    SystemReport Fused,
    double ModelBaseRate = 0.001,
    IReadOnlyList<CalibrationBin>? Calibration = null)
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

        ScanPolicy policy = rules.Policy with { Thresholds = thresholds ?? rules.Policy.Thresholds };
        DetectionEngine engine = thresholds is null ? rules : new DetectionEngine(RulesOf(rules), thresholds);
        TextClassifier classifier = model.Classifier;
        ScanResult[] ruleResults = [.. examples.Select(e => engine.Scan(new ScanInput(e.Title, e.Body)))];
        double[] raw = model.PredictBatch([.. examples.Select(e => (e.Title, e.Body))]);

        // The model alone, as the scanner weighs it: at the forum's base rate, and never more than a hold.
        double[] modelScores = [.. raw.Select(p => policy.Calibrate(p, classifier.TrainingPrior))];
        Decision[] modelDecisions = [.. modelScores.Select(p => policy.ModelEvidence(p) >= policy.Thresholds.Hold ? Decision.Hold : Decision.Publish)];

        double[] fusedScores;
        Decision[]? fusedDecisions = null;
        if (fusion == FusionMethod.NoisyOr)
        {
            // What users get: the engine's own fusion, counter-evidence and removal rules.
            ScanResult[] fused = [.. examples.Select(e => engine.Scan(new ScanInput(e.Title, e.Body), null, classifier))];
            fusedScores = [.. fused.Select(r => r.Score)];
            fusedDecisions = [.. fused.Select(r => r.Decision)];
        }
        else
        {
            fusedScores = [.. ruleResults.Select((r, i) => Evaluation.Fusion.Combine(fusion, r.Score, policy.ModelEvidence(modelScores[i])))];
        }

        double hold = policy.Thresholds.Hold;
        double remove = policy.Thresholds.Remove;
        return new EvaluationReport(
            model.Metadata.Version,
            rules.RuleSetVersion,
            split,
            examples.Count,
            examples.Count(e => e.IsSecret),
            fusion,
            hold,
            remove,
            SystemReport.Build("rules", examples, [.. ruleResults.Select(r => r.Score)], hold, remove, [.. ruleResults.Select(r => r.Decision)]),
            SystemReport.Build("model", examples, [.. modelScores.Select(policy.ModelEvidence)], hold, remove, modelDecisions),
            SystemReport.Build(fusion == FusionMethod.NoisyOr ? "rules + model (noisy-OR)" : "rules + model (max)", examples, fusedScores, hold, remove, fusedDecisions),
            policy.ModelBaseRate,
            CalibrationBin.Curve(examples, raw, classifier.TrainingPrior));
    }

    private static RuleSet RulesOf(DetectionEngine engine) => engine.RuleSet;

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
