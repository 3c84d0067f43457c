using System.Globalization;

namespace Moderation.Learning.Corpus.Generation;

/// <summary>
/// Writes the shipped corpus from its template families. Deterministic: each family draws from its own
/// <see cref="Random"/> seeded from the corpus seed and the family's name, so adding a family leaves the
/// others' examples unchanged. Exact duplicates (same title and body) are written once.
/// </summary>
public static class CorpusGenerator
{
    public const int DefaultSeed = 20261124;

    /// <summary>The share of each leak family's count written again through each evasion.</summary>
    private const int EvasionDivisor = 10;

    public static IReadOnlyList<CorpusExample> Generate(int seed = DefaultSeed)
    {
        var examples = new List<CorpusExample>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        List<TemplateFamily> families = [.. LeakFamilies.All(), .. OrdinaryFamilies.All(), .. NearMissFamilies.All()];

        foreach (TemplateFamily family in families)
        {
            var slots = new Slots(new Random(seed ^ StableHash(family.Name)));
            Write(family.Name, family.Category, family, family.Count, post => post, isEvasion: false, slots, seen, examples);
        }

        foreach (TemplateFamily family in families.Where(f => f.Label == CorpusLabels.Secret))
        {
            foreach (string evasion in Evasions.Names)
            {
                string name = $"{family.Name}~{evasion}";
                var slots = new Slots(new Random(seed ^ StableHash(name)));
                Write(name, CorpusCategories.Evasion, family, Math.Max(1, family.Count / EvasionDivisor), post => Evasions.Apply(evasion, post, slots), isEvasion: true, slots, seen, examples);
            }
        }

        return examples;
    }

    private static void Write(
        string familyName,
        string category,
        TemplateFamily family,
        int count,
        Func<GeneratedPost, GeneratedPost> transform,
        bool isEvasion,
        Slots slots,
        HashSet<string> seen,
        List<CorpusExample> examples)
    {
        int written = 0;
        for (int attempt = 0; written < count && attempt < count * 20; attempt++)
        {
            GeneratedPost original = family.Write(slots);
            GeneratedPost post = transform(original);

            // An evasion that finds nothing to disguise (look-alikes in Chinese text) would be a plain copy.
            if ((isEvasion && post == original) || !seen.Add($"{post.Title}\u0001{post.Body}"))
            {
                continue;
            }

            written++;
            string id = string.Create(CultureInfo.InvariantCulture, $"{familyName}-{written:D4}");
            examples.Add(new CorpusExample(id, post.Title, post.Body, family.Label, category, familyName, family.Split));
        }
    }

    /// <summary>FNV-1a over the name: unlike <see cref="string.GetHashCode()"/> it is the same in every process.</summary>
    private static int StableHash(string text)
    {
        uint hash = 2166136261;
        foreach (char c in text)
        {
            hash = (hash ^ c) * 16777619;
        }

        return (int)hash;
    }
}
