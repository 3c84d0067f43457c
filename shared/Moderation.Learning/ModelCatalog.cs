using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Moderation.Detection;
using Moderation.Detection.Classification;
using Moderation.Detection.Normalization;
using Moderation.Learning.Corpus;
using Moderation.Learning.Evaluation;
using Moderation.Learning.Training;

namespace Moderation.Learning;

/// <summary>
/// The default model: trained from the shipped corpus with <see cref="FeatureSettings.Default"/> the
/// first time it is asked for, then cached as a file keyed by the corpus and the recipe. A new corpus
/// or recipe gets a new key, so a stale model is never served; training is deterministic, so every
/// machine builds the same model.
/// </summary>
public static class ModelCatalog
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Locks = new(StringComparer.Ordinal);

    /// <summary>The cache key of the default model: the shipped corpus, the recipe and the normaliser's version (its folds make the features).</summary>
    public static string DefaultKey { get; } = Convert.ToHexStringLower(
        SHA256.HashData(Encoding.UTF8.GetBytes(FeatureSettings.Default.Recipe + "\n" + TextNormalizer.Version + "\n" + CorpusFile.ShippedText() + CorpusFile.HandwrittenText())))[..16];

    /// <summary>The environment variable that moves the default cache, for every process of a machine at once.</summary>
    public const string CacheDirectoryVariable = "MODERATION_MODEL_CACHE";

    /// <summary>
    /// Where the default model is cached when nothing else is configured: <c>$MODERATION_MODEL_CACHE</c>,
    /// else <c>moderation/models</c> under the user's local application data (the temp directory when
    /// there is none). Every service, command and test run on the machine shares it, so the model is
    /// trained once per machine.
    /// </summary>
    public static string DefaultCacheDirectory()
    {
        if (Environment.GetEnvironmentVariable(CacheDirectoryVariable) is { Length: > 0 } configured)
        {
            return configured;
        }

        string local = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
        return Path.Combine(string.IsNullOrEmpty(local) ? Path.GetTempPath() : local, "moderation", "models");
    }

    /// <summary>Where <see cref="GetOrTrainDefault"/> keeps the default model in <paramref name="cacheDirectory"/>.</summary>
    public static string DefaultPath(string cacheDirectory) => Path.Combine(cacheDirectory, $"default-model-{DefaultKey}.zip");

    /// <summary>
    /// Loads the cached default model, or trains it from the shipped corpus's training split (a few
    /// seconds), stores it and returns it. Safe to call from many threads; in one process it trains once.
    /// </summary>
    /// <param name="progress">Told what is happening when training is needed.</param>
    public static ModerationModel GetOrTrainDefault(string cacheDirectory, IProgress<string>? progress = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(cacheDirectory);
        Directory.CreateDirectory(cacheDirectory);
        string path = DefaultPath(cacheDirectory);
        SemaphoreSlim gate = Locks.GetOrAdd(Path.GetFullPath(path), _ => new SemaphoreSlim(1, 1));
        gate.Wait();
        try
        {
            if (TryLoad(path) is { } cached)
            {
                return cached;
            }

            progress?.Report($"training the default model into {path}");
            ModerationModel model = TrainDefault(progress);

            // Another process may be writing the same file; both write the same bytes and the move is atomic.
            string temporary = $"{path}.{Environment.ProcessId}.{Environment.CurrentManagedThreadId}.tmp";
            model.Save(temporary);
            File.Move(temporary, path, overwrite: true);
            return model;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Trains the default model from the shipped corpus and measures it on the shipped test split.</summary>
    public static ModerationModel TrainDefault(IProgress<string>? progress = null)
    {
        IReadOnlyList<CorpusExample> corpus = CorpusFile.LoadShipped();
        ModerationModel model = ModelTrainer.Train([.. corpus.Where(e => e.Split == CorpusSplits.Train)], FeatureSettings.Default, progress);
        progress?.Report("measuring on the test split");

        // The file keeps the model's own figures; the rules and the fusion are for `moderation evaluate`,
        // and scoring them here would only lengthen the first start of every service on a new machine.
        List<CorpusExample> test = [.. corpus.Where(e => e.Split == CorpusSplits.Test)];
        ScanPolicy policy = RuleSet.LoadDefault().Policy;
        SystemReport alone = EvaluationReport.ModelAlone(test, model.PredictBatch([.. test.Select(e => (e.Title, e.Body))]), model.Classifier.TrainingPrior, policy);
        ModelMetrics metrics = EvaluationReport.MetricsOf(CorpusSplits.Test, test.Count, policy.Thresholds.Hold, policy.Thresholds.Remove, alone);
        return model.WithMetadata(model.Metadata with { Metrics = metrics });
    }

    private static ModerationModel? TryLoad(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return ModerationModel.Load(path);
        }
        catch (Exception ex) when (ex is ModelFormatException or IOException or InvalidOperationException or FormatException)
        {
            // A torn or foreign file under our name: train again and replace it.
            return null;
        }
    }
}
