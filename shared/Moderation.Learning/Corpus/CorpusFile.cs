using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Moderation.Learning.Corpus;

/// <summary>Reads and writes corpus JSONL: one <see cref="CorpusExample"/> per line, UTF-8, <c>\n</c> line ends.</summary>
public static class CorpusFile
{
    private const string ShippedResource = "Moderation.Learning.corpus.jsonl";

    private static readonly JsonSerializerOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private const string HandwrittenPrefix = "Moderation.Learning.handwritten.";

    /// <summary>
    /// The corpus shipped inside this library: the generated posts (<c>Corpus/corpus.jsonl</c>, both
    /// splits) followed by the hand-written training posts (<c>Corpus/Handwritten/</c>, all in the
    /// train split). The hand-written yardstick (<c>Yardstick/</c>) is not part of it and is never trained on.
    /// </summary>
    public static IReadOnlyList<CorpusExample> LoadShipped() => Parse(ShippedText() + HandwrittenText());

    /// <summary>The generated corpus file as stored, for hashing and for writing it out.</summary>
    public static string ShippedText() => Resource(ShippedResource);

    /// <summary>The hand-written training posts, every file of <c>Corpus/Handwritten/</c> in name order.</summary>
    public static string HandwrittenText()
    {
        var text = new StringBuilder();
        foreach (string name in Assembly.GetExecutingAssembly().GetManifestResourceNames()
            .Where(n => n.StartsWith(HandwrittenPrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            string part = Resource(name);
            text.Append(part);
            if (part.Length > 0 && part[^1] != '\n')
            {
                text.Append('\n');
            }
        }

        return text.ToString();
    }

    private static string Resource(string name)
    {
        using Stream stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded corpus {name} is missing from the build");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    public static IReadOnlyList<CorpusExample> Load(string path) => Parse(File.ReadAllText(path, Encoding.UTF8));

    /// <summary>
    /// Every <c>*.jsonl</c> of a directory, in name order, as one corpus (the yardstick keeps one file per
    /// kind of post). An unusable line is reported with its file and line; ids must be unique across files.
    /// </summary>
    public static IReadOnlyList<CorpusExample> LoadDirectory(string directory)
    {
        var examples = new List<CorpusExample>();
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string path in Directory.GetFiles(directory, "*.jsonl").Order(StringComparer.Ordinal))
        {
            Parse(File.ReadAllText(path, Encoding.UTF8), Path.GetFileName(path), ids, examples);
        }

        return examples;
    }

    /// <summary>Parses corpus JSONL; blank lines are skipped, anything else unusable throws with its line number.</summary>
    public static IReadOnlyList<CorpusExample> Parse(string jsonl)
    {
        ArgumentNullException.ThrowIfNull(jsonl);
        var examples = new List<CorpusExample>();
        Parse(jsonl, file: null, new Dictionary<string, string>(StringComparer.Ordinal), examples);
        return examples;
    }

    /// <param name="file">The file the text came from, named in errors; null for a single text.</param>
    /// <param name="ids">Every id seen so far, with the file it was in: ids are unique across the files of a directory.</param>
    private static void Parse(string jsonl, string? file, Dictionary<string, string> ids, List<CorpusExample> examples)
    {
        int lineNumber = 0;
        foreach (string line in jsonl.Split('\n'))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            CorpusExample? example;
            try
            {
                example = JsonSerializer.Deserialize<CorpusExample>(line, Options);
            }
            catch (JsonException ex)
            {
                throw new CorpusFormatException(lineNumber, $"not a corpus example: {ex.Message}", file);
            }

            if (example is null || string.IsNullOrEmpty(example.Id) || example.Body is null)
            {
                throw new CorpusFormatException(lineNumber, "'id' and 'body' are required", file);
            }

            if (example.Label is not (CorpusLabels.Secret or CorpusLabels.Clean))
            {
                throw new CorpusFormatException(lineNumber, $"'label' must be {CorpusLabels.Secret} or {CorpusLabels.Clean}, found '{example.Label}'", file);
            }

            if (example.Split is not (CorpusSplits.Train or CorpusSplits.Test))
            {
                throw new CorpusFormatException(lineNumber, $"'split' must be {CorpusSplits.Train} or {CorpusSplits.Test}, found '{example.Split}'", file);
            }

            if (!ids.TryAdd(example.Id, file ?? ""))
            {
                string where = ids[example.Id] is { Length: > 0 } earlier && earlier != file ? $", already used in {earlier}" : "";
                throw new CorpusFormatException(lineNumber, $"duplicate id '{example.Id}'{where}", file);
            }

            examples.Add(example with { Category = example.Category ?? "", Family = example.Family ?? example.Id });
        }
    }

    public static string Format(IEnumerable<CorpusExample> examples)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var builder = new StringBuilder();
        foreach (CorpusExample example in examples)
        {
            builder.Append(JsonSerializer.Serialize(example, Options)).Append('\n');
        }

        return builder.ToString();
    }

    public static void Save(string path, IEnumerable<CorpusExample> examples) =>
        File.WriteAllText(path, Format(examples), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));

    /// <summary>SHA-256 of the examples as <see cref="Format"/> writes them: the same data hashes alike whatever file it came from.</summary>
    public static string Hash(IEnumerable<CorpusExample> examples) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Format(examples))));
}
