using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Microsoft.ML;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms.Text;
using Moderation.Learning.Corpus;

namespace Moderation.Learning.Training;

/// <summary>
/// Trains the classifier: normalised text → character and word n-gram bags (L2-normalised) → logistic
/// regression by SDCA, whose output is a calibrated probability. One training thread and a fixed seed,
/// so the same examples and settings always give the same model, byte for byte.
/// </summary>
public static class ModelTrainer
{
    public const string TrainerName = "SdcaLogisticRegression";

    /// <param name="examples">The examples to learn from; callers pass the training split.</param>
    /// <param name="progress">Told when each step starts, for a progress display.</param>
    public static ModerationModel Train(IReadOnlyList<CorpusExample> examples, FeatureSettings settings, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(settings);
        if (examples.Count == 0 || examples.All(e => e.IsSecret) || examples.All(e => !e.IsSecret))
        {
            throw new ArgumentException("training needs both secret and clean examples", nameof(examples));
        }

        progress?.Report($"normalising {examples.Count:N0} posts");
        var rows = examples.Select(e => new ModelInput { Text = ModelText.Of(e.Title, e.Body, settings.FoldDigits), Label = e.IsSecret }).ToList();

        var ml = new MLContext(seed: settings.Seed);
        IDataView data = ml.Data.LoadFromEnumerable(rows);

        var featurizer = ml.Transforms.Text.FeaturizeText("Features", new TextFeaturizingEstimator.Options
        {
            // The normaliser has already folded case, width and noise; keep what it left.
            CaseMode = TextNormalizingEstimator.CaseMode.None,
            KeepDiacritics = true,
            KeepPunctuations = true,
            KeepNumbers = true,
            CharFeatureExtractor = new WordBagEstimator.Options { NgramLength = settings.CharNgramLength, UseAllLengths = true },
            WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = settings.WordNgramLength, UseAllLengths = true },
            Norm = TextFeaturizingEstimator.NormFunction.L2,
        }, nameof(ModelInput.Text));

        var trainer = ml.BinaryClassification.Trainers.SdcaLogisticRegression(new SdcaLogisticRegressionBinaryTrainer.Options
        {
            LabelColumnName = nameof(ModelInput.Label),
            FeatureColumnName = "Features",
            L2Regularization = settings.L2Regularization,
            MaximumNumberOfIterations = settings.MaximumIterations,
            NumberOfThreads = 1,
        });

        progress?.Report("building n-gram features and training");
        ITransformer transformer = featurizer.Append(trainer).Fit(data);

        string dataHash = CorpusFile.Hash(examples);
        string recipeHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(settings.Recipe)));
        var metadata = new ModelMetadata(
            ModelMetadata.CurrentFormat,
            Version: $"{dataHash[..12]}-{recipeHash[..8]}",
            settings.Recipe,
            dataHash,
            TrainingExamples: examples.Count,
            SecretExamples: examples.Count(e => e.IsSecret),
            settings,
            TrainerName,
            MlNetVersion: typeof(MLContext).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown",
            Metrics: null);
        return new ModerationModel(ml, transformer, data.Schema, metadata);
    }
}
