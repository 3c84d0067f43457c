using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Moderation.Learning.Training;

/// <summary>
/// A trained classifier: the probability that a post is leaked classified material, calibrated so it
/// can be read on the same 0–1 scale as the rule score. Thread-safe; build once and share.
/// </summary>
public sealed class ModerationModel : IDisposable
{
    internal const string MetadataEntry = "moderation/metadata.json";

    // Zip entries carry a time; a fixed one keeps the file a function of the model alone.
    private static readonly DateTimeOffset EntryTime = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly JsonSerializerOptions MetadataJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private readonly MLContext _ml;
    private readonly ITransformer _transformer;
    private readonly DataViewSchema _inputSchema;
    private readonly ConcurrentBag<PredictionEngine<ModelInput, ModelOutput>> _engines = [];

    internal ModerationModel(MLContext ml, ITransformer transformer, DataViewSchema inputSchema, ModelMetadata metadata)
    {
        _ml = ml;
        _transformer = transformer;
        _inputSchema = inputSchema;
        Metadata = metadata;
    }

    public ModelMetadata Metadata { get; }

    /// <summary>The same model with other metadata (metrics measured after training).</summary>
    public ModerationModel WithMetadata(ModelMetadata metadata) => new(_ml, _transformer, _inputSchema, metadata);

    /// <summary>Probability in [0, 1] that the post is leaked classified material.</summary>
    public double Predict(string? title, string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var input = new ModelInput { Text = ModelText.Of(title, body, Metadata.Features.FoldDigits) };
        if (!_engines.TryTake(out PredictionEngine<ModelInput, ModelOutput>? engine))
        {
            engine = _ml.Model.CreatePredictionEngine<ModelInput, ModelOutput>(_transformer, _inputSchema);
        }

        try
        {
            return engine.Predict(input).Probability;
        }
        finally
        {
            _engines.Add(engine);
        }
    }

    /// <summary>Probabilities for many posts in one pass through the pipeline, in input order.</summary>
    public double[] PredictBatch(IReadOnlyList<(string? Title, string Body)> posts)
    {
        ArgumentNullException.ThrowIfNull(posts);
        bool foldDigits = Metadata.Features.FoldDigits;
        IDataView data = _ml.Data.LoadFromEnumerable(posts.Select(p => new ModelInput { Text = ModelText.Of(p.Title, p.Body, foldDigits) }), _inputSchema);
        IDataView scored = _transformer.Transform(data);
        return [.. scored.GetColumn<float>(nameof(ModelOutput.Probability)).Select(p => (double)p)];
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

    /// <summary>Writes the ML.NET model with its metadata as one zip; the same model always gives the same bytes.</summary>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var raw = new MemoryStream();
        _ml.Model.Save(_transformer, _inputSchema, raw);
        raw.Position = 0;

        using var source = new ZipArchive(raw, ZipArchiveMode.Read);
        using var target = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        foreach (ZipArchiveEntry entry in source.Entries)
        {
            ZipArchiveEntry copy = target.CreateEntry(entry.FullName, CompressionLevel.Optimal);
            copy.LastWriteTime = EntryTime;
            using Stream from = entry.Open();
            using Stream to = copy.Open();
            from.CopyTo(to);
        }

        ZipArchiveEntry metadata = target.CreateEntry(MetadataEntry, CompressionLevel.Optimal);
        metadata.LastWriteTime = EntryTime;
        using Stream metadataStream = metadata.Open();
        JsonSerializer.Serialize(metadataStream, Metadata, MetadataJson);
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

        ModelMetadata metadata;
        try
        {
            using var zip = new ZipArchive(buffer, ZipArchiveMode.Read, leaveOpen: true);
            ZipArchiveEntry entry = zip.GetEntry(MetadataEntry)
                ?? throw new ModelFormatException($"not a moderation model: the zip has no {MetadataEntry}");
            using Stream metadataStream = entry.Open();
            metadata = JsonSerializer.Deserialize<ModelMetadata>(metadataStream, MetadataJson)
                ?? throw new ModelFormatException($"not a moderation model: {MetadataEntry} is empty");
        }
        catch (InvalidDataException ex)
        {
            throw new ModelFormatException("not a moderation model: the file is not a zip archive", ex);
        }
        catch (JsonException ex)
        {
            throw new ModelFormatException($"not a moderation model: {MetadataEntry} is not valid: {ex.Message}", ex);
        }

        if (metadata.Format != ModelMetadata.CurrentFormat)
        {
            throw new ModelFormatException($"model format {metadata.Format} is not supported (this build reads format {ModelMetadata.CurrentFormat})");
        }

        buffer.Position = 0;
        var ml = new MLContext(seed: metadata.Features.Seed);
        ITransformer transformer = ml.Model.Load(buffer, out DataViewSchema inputSchema);
        return new ModerationModel(ml, transformer, inputSchema, metadata);
    }

    public void Dispose()
    {
        while (_engines.TryTake(out PredictionEngine<ModelInput, ModelOutput>? engine))
        {
            engine.Dispose();
        }
    }
}
