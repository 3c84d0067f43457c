using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Moderation.Detection.Tests;

/// <summary>
/// The evasion and near-miss corpora (Corpus/*.jsonl, one JSON object per line), read from beside
/// this source file so a case can be added without touching the project file.
/// </summary>
internal static class NormalizationCorpus
{
    /// <summary>A post that hides a marking with one trick: a finding of <paramref name="Category"/> must cover <paramref name="Marking"/>.</summary>
    public sealed record EvasionCase(string Trick, string Category, string Marking, string Text);

    /// <summary>An ordinary post that resembles watched text; it must be published.</summary>
    public sealed record NearMissCase(string Kind, string Text);

    public static IReadOnlyList<EvasionCase> Evasions { get; } = Read("evasion.jsonl", e => new EvasionCase(
        Property(e, "trick"), Property(e, "category"), Property(e, "marking"), Property(e, "text")));

    public static IReadOnlyList<NearMissCase> NearMisses { get; } = Read("near-miss.jsonl", e => new NearMissCase(
        Property(e, "kind"), Property(e, "text")));

    private static List<T> Read<T>(string file, Func<JsonElement, T> parse, [CallerFilePath] string source = "")
    {
        string path = Path.Combine(Path.GetDirectoryName(source)!, "Corpus", file);
        var cases = new List<T>();
        foreach (string line in File.ReadLines(path))
        {
            if (line.Length > 0)
            {
                using JsonDocument document = JsonDocument.Parse(line);
                cases.Add(parse(document.RootElement));
            }
        }

        return cases;
    }

    private static string Property(JsonElement element, string name) => element.GetProperty(name).GetString()!;
}
