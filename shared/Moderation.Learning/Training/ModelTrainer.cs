using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Moderation.Detection.Classification;
using Moderation.Learning.Corpus;

namespace Moderation.Learning.Training;

/// <summary>
/// Trains the classifier: normalised text → character and word n-grams over the training vocabulary,
/// present or not (or counted, without <see cref="FeatureSettings.Presence"/>), L2-normalised,
/// computed by the scanner's own <see cref="TextClassifier"/> code → logistic regression fitted by
/// ML.NET's L-BFGS, whose output is a Platt-calibrated probability. The learned
/// weights, bias and calibration are then taken out of the ML.NET model into a
/// <see cref="TextClassifier"/>, which scores without ML.NET. One training thread and a fixed seed,
/// so the same examples and settings always give the same model, byte for byte. (L-BFGS replaced
/// SDCA: at L2 1e-6 and 40 passes SDCA stopped short of the optimum, and out of fold on the
/// hand-written training posts the converged model ranks leaks far better; see the README.)
/// </summary>
public static class ModelTrainer
{
    public const string TrainerName = "LbfgsLogisticRegression";

    /// <param name="examples">The examples to learn from; callers pass the training split (plus any labelled extras).</param>
    /// <param name="progress">Told when each step starts, for a progress display.</param>
    public static ModerationModel Train(IReadOnlyList<CorpusExample> examples, FeatureSettings settings, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(settings);
        if (examples.Count == 0 || examples.All(e => e.IsSecret) || examples.All(e => !e.IsSecret))
        {
            throw new ArgumentException("training needs both secret and clean examples", nameof(examples));
        }

        ClassifierFeatures features = settings.Classifier;
        progress?.Report($"normalising {examples.Count:N0} posts and counting n-grams");
        List<ulong>[] keys = [.. examples.Select(e => FeatureVectors.KeysOf(e, features))];
        List<ulong> vocabulary = FeatureVectors.Vocabulary(keys);
        var index = new Dictionary<ulong, int>(vocabulary.Count);
        for (int i = 0; i < vocabulary.Count; i++)
        {
            index[vocabulary[i]] = i;
        }

        int dimension = vocabulary.Count;
        var rows = new FeatureRow[examples.Count];
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i] = new FeatureRow { Label = examples[i].IsSecret, Features = FeatureVectors.Vector(keys[i], k => index.GetValueOrDefault(k, -1), dimension, features.Presence) };
        }

        var ml = new MLContext(seed: settings.Seed);
        IDataView data = FeatureVectors.Load(ml, rows, dimension);
        var trainer = ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
        {
            LabelColumnName = nameof(FeatureRow.Label),
            FeatureColumnName = nameof(FeatureRow.Features),
            L2Regularization = settings.L2Regularization,
            L1Regularization = 0,
            MaximumNumberOfIterations = settings.MaximumIterations,
            NumberOfThreads = 1,
        });

        progress?.Report($"training on {dimension:N0} n-gram features");
        BinaryPredictionTransformer<CalibratedModelParametersBase<LinearBinaryModelParameters, PlattCalibrator>> transformer = trainer.Fit(data);

        string dataHash = CorpusFile.Hash(examples);
        string recipeHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(settings.Recipe)));
        string version = $"{dataHash[..12]}-{recipeHash[..8]}";
        LinearBinaryModelParameters linear = transformer.Model.SubModel;
        PlattCalibrator calibrator = transformer.Model.Calibrator;
        double prior = (double)examples.Count(e => e.IsSecret) / examples.Count;
        var classifier = new TextClassifier(version, features, vocabulary, [.. linear.Weights], linear.Bias, calibrator.Slope, calibrator.Offset, prior);

        using var mlNetModel = new MemoryStream();
        ml.Model.Save(transformer, data.Schema, mlNetModel);

        var metadata = new ModelMetadata(
            ModelMetadata.CurrentFormat,
            version,
            settings.Recipe,
            dataHash,
            TrainingExamples: examples.Count,
            SecretExamples: examples.Count(e => e.IsSecret),
            settings,
            TrainerName,
            MlNetVersion: typeof(MLContext).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown",
            Metrics: null);
        return new ModerationModel(classifier, mlNetModel.ToArray(), metadata);
    }
}
