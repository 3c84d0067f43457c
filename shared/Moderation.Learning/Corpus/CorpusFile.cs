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

    /// <summary>The corpus shipped inside this library (<c>Corpus/corpus.jsonl</c>).</summary>
    public static IReadOnlyList<CorpusExample> LoadShipped() => Parse(ShippedText());

    /// <summary>The shipped corpus file as stored, for hashing and for writing it out.</summary>
    public static string ShippedText()
    {
        using Stream stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ShippedResource)
            ?? throw new InvalidOperationException($"embedded corpus {ShippedResource} is missing from the build");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    public static IReadOnlyList<CorpusExample> Load(string path) => Parse(File.ReadAllText(path, Encoding.UTF8));

    /// <summary>Parses corpus JSONL; blank lines are skipped, anything else unusable throws with its line number.</summary>
    public static IReadOnlyList<CorpusExample> Parse(string jsonl)
    {
        ArgumentNullException.ThrowIfNull(jsonl);
        var examples = new List<CorpusExample>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
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
                throw new CorpusFormatException(lineNumber, $"not a corpus example: {ex.Message}");
            }

            if (example is null || string.IsNullOrEmpty(example.Id) || example.Body is null)
            {
                throw new CorpusFormatException(lineNumber, "'id' and 'body' are required");
            }

            if (example.Label is not (CorpusLabels.Secret or CorpusLabels.Clean))
            {
                throw new CorpusFormatException(lineNumber, $"'label' must be {CorpusLabels.Secret} or {CorpusLabels.Clean}, found '{example.Label}'");
            }

            if (example.Split is not (CorpusSplits.Train or CorpusSplits.Test))
            {
                throw new CorpusFormatException(lineNumber, $"'split' must be {CorpusSplits.Train} or {CorpusSplits.Test}, found '{example.Split}'");
            }

            if (!ids.Add(example.Id))
            {
                throw new CorpusFormatException(lineNumber, $"duplicate id '{example.Id}'");
            }

            examples.Add(example with { Category = example.Category ?? "", Family = example.Family ?? example.Id });
        }

        return examples;
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
