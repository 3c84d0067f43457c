using System.IO.Compression;
using System.Text.Json;

namespace Moderation.Detection.Classification;

/// <summary>
/// A model file (the zip <c>moderation train</c> writes) as the services read it: the
/// <see cref="TextClassifier"/> they score with and the metadata that describes it. The file also
/// holds the ML.NET model it was extracted from; that part is left unread here, so inference needs
/// no ML.NET (training and evaluation keep it, in <c>Moderation.Learning</c>).
/// </summary>
public sealed record ModelFile(TextClassifier Classifier, ModelMetadata Metadata)
{
    /// <summary>Where a model file keeps its <see cref="ModelMetadata"/>.</summary>
    public const string MetadataEntry = "moderation/metadata.json";

    /// <summary>The prefix of every entry this project adds beside ML.NET's own.</summary>
    public const string EntryPrefix = "moderation/";

    /// <summary>What the build names the default model it ships beside each service that scores posts.</summary>
    public const string DefaultModelFileName = "default-model.zip";

    /// <summary>How <see cref="MetadataEntry"/> is written, so the same model always gives the same bytes.</summary>
    public static JsonSerializerOptions MetadataJson { get; } = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>The default model the build put beside the running service (<c>models/default-model.zip</c>).</summary>
    public static string ShippedDefaultPath() => Path.Combine(AppContext.BaseDirectory, "models", DefaultModelFileName);

    /// <summary>Reads the model file at <paramref name="path"/>.</summary>
    /// <exception cref="ModelFormatException">The file is missing, unreadable or not a model; the message names the file and says why.</exception>
    public static ModelFile Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            return Read(file);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ModelFormatException($"model file {path} does not exist", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ModelFormatException($"model file {path} cannot be read: {ex.Message}", ex);
        }
        catch (ModelFormatException ex)
        {
            throw new ModelFormatException($"model file {path}: {ex.Message}", ex);
        }
    }

    /// <summary>Reads a model file from <paramref name="stream"/> (the caller names the file in what it reports).</summary>
    /// <exception cref="ModelFormatException">Not a model this project wrote, or one of an unsupported format.</exception>
    public static ModelFile Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            return Read(zip);
        }
        catch (InvalidDataException ex)
        {
            throw new ModelFormatException($"not a moderation model: {ex.Message}", ex);
        }
    }

    /// <summary>Reads the classifier and metadata out of an open model zip.</summary>
    /// <exception cref="ModelFormatException">Not a model this project wrote, or one of an unsupported format.</exception>
    public static ModelFile Read(ZipArchive zip)
    {
        ArgumentNullException.ThrowIfNull(zip);
        try
        {
            ModelMetadata metadata = ReadMetadata(zip);
            TextClassifier classifier = ReadClassifier(zip);
            if (classifier.Version != metadata.Version)
            {
                throw new ModelFormatException(
                    $"the classifier is version {classifier.Version} but the metadata says {metadata.Version}: the file was assembled from two models");
            }

            return new ModelFile(classifier, metadata);
        }
        catch (InvalidDataException ex)
        {
            throw new ModelFormatException($"not a moderation model: {ex.Message}", ex);
        }
    }

    private static ModelMetadata ReadMetadata(ZipArchive zip)
    {
        ZipArchiveEntry entry = zip.GetEntry(MetadataEntry)
            ?? throw new ModelFormatException($"not a moderation model: the zip has no {MetadataEntry}");
        ModelMetadata metadata;
        try
        {
            using Stream metadataStream = entry.Open();
            metadata = JsonSerializer.Deserialize<ModelMetadata>(metadataStream, MetadataJson)
                ?? throw new ModelFormatException($"not a moderation model: {MetadataEntry} is empty");
        }
        catch (JsonException ex)
        {
            throw new ModelFormatException($"not a moderation model: {MetadataEntry} is not valid: {ex.Message}", ex);
        }

        if (metadata.Format != ModelMetadata.CurrentFormat)
        {
            throw new ModelFormatException(
                $"model format {metadata.Format} is not supported (this build reads format {ModelMetadata.CurrentFormat}); train the model again with this build");
        }

        return metadata;
    }

    private static TextClassifier ReadClassifier(ZipArchive zip)
    {
        ZipArchiveEntry entry = zip.GetEntry(TextClassifier.EntryName)
            ?? throw new ModelFormatException($"not a moderation model: the zip has no {TextClassifier.EntryName}");

        // A zip entry's stream does not seek; the classifier is read from a copy.
        using Stream entryStream = entry.Open();
        using var buffer = new MemoryStream();
        entryStream.CopyTo(buffer);
        buffer.Position = 0;
        return TextClassifier.ReadFrom(buffer);
    }
}
