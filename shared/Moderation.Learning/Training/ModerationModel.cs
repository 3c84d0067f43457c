using System.IO.Compression;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using Moderation.Detection.Classification;

namespace Moderation.Learning.Training;

/// <summary>
/// A trained model file: the <see cref="TextClassifier"/> the scanner scores with, the ML.NET model
/// it was taken from, and the metadata (version, data hash, recipe, metrics). Scoring goes through
/// the classifier; the ML.NET model stays in the file so the extraction can be checked against it.
/// Thread-safe; build once and share.
/// </summary>
public sealed class ModerationModel : IDisposable
{
    // Zip entries carry a time; a fixed one keeps the file a function of the model alone.
    private static readonly DateTimeOffset EntryTime = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly byte[] _mlNetModel;
    private readonly Lock _mlNetGate = new();
    private PredictionEngine<FeatureRow, ModelOutput>? _mlNetEngine;

    internal ModerationModel(TextClassifier classifier, byte[] mlNetModel, ModelMetadata metadata)
    {
        Classifier = classifier;
        _mlNetModel = mlNetModel;
        Metadata = metadata;
    }

    public ModelMetadata Metadata { get; }

    /// <summary>The scorer: what the scanner runs.</summary>
    public TextClassifier Classifier { get; }

    /// <summary>The same model with other metadata (metrics measured after training).</summary>
    public ModerationModel WithMetadata(ModelMetadata metadata) => new(Classifier, _mlNetModel, metadata);

    /// <summary>Probability in [0, 1] that the post is leaked classified material.</summary>
    public double Predict(string? title, string body) => Classifier.Predict(title, body);

    /// <summary>Probabilities for many posts, in input order.</summary>
    public double[] PredictBatch(IReadOnlyList<(string? Title, string Body)> posts) => Classifier.PredictBatch(posts);

    /// <summary>
    /// The probability ML.NET's own prediction engine gives for the same features: the reference the
    /// extracted <see cref="Classifier"/> is checked against. Slow and serialised; not for scanning.
    /// </summary>
    public double PredictWithMlNet(string? title, string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var keys = TextClassifier.Keys(title, body, Classifier.Features).ToList();
        var row = new FeatureRow { Features = FeatureVectors.Vector(keys, Classifier.IndexOf, Classifier.FeatureCount, Classifier.Features.Presence) };
        lock (_mlNetGate)
        {
            if (_mlNetEngine is null)
            {
                var ml = new MLContext(seed: Metadata.Features.Seed);
                ITransformer transformer = ml.Model.Load(new MemoryStream(_mlNetModel), out _);
                _mlNetEngine = ml.Model.CreatePredictionEngine<FeatureRow, ModelOutput>(transformer, ignoreMissingColumns: true,
                    inputSchemaDefinition: FeatureVectors.Schema(Classifier.FeatureCount));
            }

            return _mlNetEngine.Predict(row).Probability;
        }
    }

    public void Save(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string temporary = path + ".tmp";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            Save(file);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>
    /// Writes one zip: the ML.NET model's entries (ML.NET can load the file as it is), the classifier
    /// and the metadata. The same model always gives the same bytes.
    /// </summary>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var source = new ZipArchive(new MemoryStream(_mlNetModel), ZipArchiveMode.Read);
        using var target = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        foreach (ZipArchiveEntry entry in source.Entries)
        {
            using Stream from = entry.Open();
            using Stream to = Create(target, entry.FullName);
            from.CopyTo(to);
        }

        using (Stream classifier = Create(target, TextClassifier.EntryName))
        {
            Classifier.WriteTo(classifier);
        }

        using Stream metadata = Create(target, ModelFile.MetadataEntry);
        JsonSerializer.Serialize(metadata, Metadata, ModelFile.MetadataJson);
    }

    /// <summary>The file's bytes, as stored in the model registry.</summary>
    public byte[] ToBytes()
    {
        using var buffer = new MemoryStream();
        Save(buffer);
        return buffer.ToArray();
    }

    public static ModerationModel Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        return Load(file);
    }

    public static ModerationModel Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        buffer.Position = 0;

        try
        {
            // The classifier and metadata are read as the services read them; the rest is ML.NET's.
            using var zip = new ZipArchive(buffer, ZipArchiveMode.Read, leaveOpen: true);
            ModelFile file = ModelFile.Read(zip);
            return new ModerationModel(file.Classifier, MlNetPart(zip), file.Metadata);
        }
        catch (InvalidDataException ex)
        {
            throw new ModelFormatException($"not a moderation model: {ex.Message}", ex);
        }
    }

    /// <summary>Nothing to release: kept so callers can scope a model with <c>using</c>.</summary>
    public void Dispose()
    {
        lock (_mlNetGate)
        {
            _mlNetEngine?.Dispose();
            _mlNetEngine = null;
        }
    }

    /// <summary>The ML.NET model alone: every entry but ours.</summary>
    private static byte[] MlNetPart(ZipArchive zip)
    {
        using var buffer = new MemoryStream();
        using (var target = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (ZipArchiveEntry entry in zip.Entries.Where(e => !e.FullName.StartsWith(ModelFile.EntryPrefix, StringComparison.Ordinal)))
            {
                using Stream from = entry.Open();
                using Stream to = Create(target, entry.FullName);
                from.CopyTo(to);
            }
        }

        return buffer.ToArray();
    }

    private static Stream Create(ZipArchive zip, string name)
    {
        ZipArchiveEntry entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = EntryTime;
        return entry.Open();
    }
}
