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
        if (examples.Count == 0)
        {
            throw new ArgumentException("nothing to evaluate: no examples", nameof(examples));
        }

        DetectionEngine engine = thresholds is null ? rules : new DetectionEngine(rules.RuleSet, thresholds);
        ScanPolicy policy = engine.Policy;
        TextClassifier classifier = model.Classifier;
        ScanResult[] ruleResults = [.. examples.Select(e => engine.Scan(new ScanInput(e.Title, e.Body)))];

        double[] fusedScores;
        double[] trained;
        Decision[]? fusedDecisions = null;
        if (fusion == FusionMethod.NoisyOr)
        {
            // What users get: the engine's own fusion, counter-evidence and removal rules; its scan also
            // reports the model's probability as trained, so the model need not read the posts again.
            ScanResult[] fused = [.. examples.Select(e => engine.Scan(new ScanInput(e.Title, e.Body), null, classifier))];
            fusedScores = [.. fused.Select(r => r.Score)];
            fusedDecisions = [.. fused.Select(r => r.Decision)];
            trained = [.. fused.Select(r => r.Model!.Uncalibrated!.Value)];
        }
        else
        {
            trained = model.PredictBatch([.. examples.Select(e => (e.Title, e.Body))]);
            fusedScores = [.. ruleResults.Select((r, i) => Evaluation.Fusion.Combine(fusion, r.Score, policy.ModelEvidence(policy.Calibrate(trained[i], classifier.TrainingPrior))))];
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
            ModelAlone(examples, trained, classifier.TrainingPrior, policy),
            SystemReport.Build(fusion == FusionMethod.NoisyOr ? "rules + model (noisy-OR)" : "rules + model (max)", examples, fusedScores, hold, remove, fusedDecisions),
            policy.ModelBaseRate,
            CalibrationBin.Curve(examples, trained, classifier.TrainingPrior));
    }

    /// <summary>
    /// The model alone, as the scanner weighs it: its probability moved to the policy's base rate and
    /// scored as evidence on the rules' scale, holding at most (the model alone never removes).
    /// </summary>
    /// <param name="trained">The model's probability of each example as trained (at its training prior).</param>
    public static SystemReport ModelAlone(IReadOnlyList<CorpusExample> examples, IReadOnlyList<double> trained, double trainingPrior, ScanPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(trained);
        ArgumentNullException.ThrowIfNull(policy);
        double[] evidence = [.. trained.Select(p => policy.ModelEvidence(policy.Calibrate(p, trainingPrior)))];
        Decision[] decisions = [.. evidence.Select(e => e >= policy.Thresholds.Hold ? Decision.Hold : Decision.Publish)];
        return SystemReport.Build("model", examples, evidence, policy.Thresholds.Hold, policy.Thresholds.Remove, decisions);
    }

    /// <summary>The model alone, compactly, for the model file's metadata.</summary>
    public ModelMetrics ModelMetrics() => MetricsOf(Split, Examples, HoldThreshold, RemoveThreshold, Model);

    /// <summary>The figures of the model alone (<see cref="ModelAlone"/>) as the model file's metadata keeps them.</summary>
    public static ModelMetrics MetricsOf(string split, int examples, double hold, double remove, SystemReport model) => new(
        split,
        examples,
        Math.Round(model.RocAuc, 6),
        hold,
        Math.Round(model.AtHold.Precision, 6),
        Math.Round(model.AtHold.Recall, 6),
        Math.Round(model.AtHold.F1, 6),
        Math.Round(model.AtHold.FalsePositiveRate, 6),
        remove,
        Math.Round(model.AtRemove.Recall, 6),
        Math.Round(model.AtRemove.FalsePositiveRate, 6));
}
