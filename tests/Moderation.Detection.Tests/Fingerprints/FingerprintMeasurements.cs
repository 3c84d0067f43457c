using System.Globalization;
using System.Numerics;
using System.Text;
using Moderation.Detection.Fingerprints;
using Moderation.Detection.Normalization;
using Xunit.Abstractions;

namespace Moderation.Detection.Tests.Fingerprints;

/// <summary>
/// The measurements behind the parameters (README, "Fingerprints"): run with
/// <c>dotnet test --filter FingerprintMeasurements --logger "console;verbosity=detailed"</c> to print the tables.
/// Each test also asserts that the chosen parameters keep the figures the README quotes.
/// </summary>
public sealed class FingerprintMeasurements(ITestOutputHelper output)
{
    private const string Secret = "measurement-secret";
    private static readonly int[] KGrams = [6, 8, 10, 12, 14];
    private static readonly int[] Windows = [8, 12, 16, 24];
    private static readonly int[] Thresholds = [2, 3, 4, 5, 6];

    [Fact]
    public void Winnowing_parameters_find_quoted_sentence_pairs_and_nothing_in_same_topic_texts()
    {
        var table = new StringBuilder();
        table.AppendLine("Share of quoted sentence pairs found, at a region threshold T of 2..6 hashes; pairs of 40+ letters / all pairs.");
        table.AppendLine("k  w  | hashes/1000 letters | 40+ clean                | 40+ noisy                | 40+ 1 in 20 edited       | all clean                | false docs T=2..6 | worst false region");
        foreach (int k in KGrams)
        {
            foreach (int w in Windows)
            {
                Figures f = Measure(FingerprintScheme.WithParameters(Secret, k, w));
                table.AppendLine(CultureInfo.InvariantCulture, $"{k,-2} {w,-2} | {f.HashesPerThousand,19:0.0} | {Rates(f.LongClean, f.LongPairs)} | {Rates(f.LongNoisy, f.LongPairs)} | {Rates(f.LongEdited, f.LongPairs)} | {Rates(f.Clean, f.Pairs)} | {string.Join(" ", f.FalseDocuments),-17} | {f.WorstFalseRegion}");
            }
        }

        output.WriteLine(table.ToString());

        Figures chosen = Measure(FingerprintScheme.FromSecret(Secret));
        int t = FingerprintScoring.MinimumPassageHashes - 2;
        output.WriteLine($"Chosen: {chosen.LongPairs} pairs of 40+ letters, {chosen.Pairs} pairs in all.");
        chosen.LongClean[t].Should().Be(chosen.LongPairs, "every quoted pair of sentences of 40 letters or more is found");
        chosen.LongNoisy[t].Should().Be(chosen.LongPairs, "noise and full-width forms are normalised away");
        chosen.FalseDocuments[t].Should().Be(0, "no same-topic text matches a protected document");
    }

    [Fact]
    public void SimHash_distances_of_reposts_and_of_different_texts()
    {
        var table = new StringBuilder();
        table.AppendLine("Hamming distance between a document's SimHash and its repost's, per document; nearest pair of different texts.");
        table.AppendLine("shingle | re-punctuated, framed | 1 in 50 edited | 1 in 25 edited | 1 in 8 edited   | nearest different");
        foreach (int shingle in new[] { 2, 3, 4 })
        {
            FingerprintScheme scheme = FingerprintScheme.WithParameters(Secret, FingerprintScheme.DefaultKGram, FingerprintScheme.DefaultWindow, shingle);
            SimHashFigures f = MeasureSimHash(scheme);
            table.AppendLine(CultureInfo.InvariantCulture, $"{shingle,7} | {string.Join(" ", f.Framed),-21} | {string.Join(" ", f.Light),-14} | {string.Join(" ", f.Medium),-14} | {string.Join(" ", f.Heavy),-15} | {f.Nearest}");
        }

        output.WriteLine(table.ToString());
        SimHashFigures chosen = MeasureSimHash(FingerprintScheme.FromSecret(Secret));
        chosen.Framed.Concat(chosen.Light).Should().OnlyContain(d => d <= FingerprintScoring.MaxSimHashDistance, "a re-punctuated, framed or lightly edited repost is a near-duplicate");
        chosen.Nearest.Should().BeGreaterThan(2 * FingerprintScoring.MaxSimHashDistance, "different texts of one genre are far apart");
    }

    private static string Rates(int[] found, int pairs) => string.Join(" ", found.Select(n => ((double)n / pairs).ToString("0.00", CultureInfo.InvariantCulture)));

    private static Figures Measure(FingerprintScheme scheme)
    {
        var documents = FingerprintCorpus.Protected.Select(p => (p.Id, Hashes: HashSetOf(scheme, p.Text), Letters: Letters(p.Text))).ToList();
        var figures = new Figures(Thresholds.Length)
        {
            HashesPerThousand = 1000.0 * documents.Sum(d => d.Hashes.Count) / documents.Sum(d => d.Letters),
        };

        int seed = 0;
        foreach ((string id, string text) in FingerprintCorpus.Protected)
        {
            HashSet<ulong> own = documents.Single(d => d.Id == id).Hashes;
            IReadOnlyList<string> sentences = FingerprintCorpus.Sentences(text);
            for (int i = 0; i + 1 < sentences.Count; i++)
            {
                string quote = sentences[i] + sentences[i + 1];
                bool isLong = Letters(quote) >= 40;
                figures.Pairs++;
                seed++;
                int clean = BestRegion(scheme, own, FingerprintCorpus.PostQuoting(quote, 3000, seed));
                Count(figures.Clean, clean);
                if (isLong)
                {
                    figures.LongPairs++;
                    Count(figures.LongClean, clean);
                    Count(figures.LongNoisy, BestRegion(scheme, own, FingerprintCorpus.PostQuoting(Noisy(quote, seed), 3000, seed)));
                    Count(figures.LongEdited, BestRegion(scheme, own, FingerprintCorpus.PostQuoting(Edited(quote, 20), 3000, seed)));
                }
            }
        }

        // Same-topic texts, the other protected documents and pure chatter against every document.
        var others = FingerprintCorpus.SameTopic.Select((text, i) => ($"same-topic-{i}", text))
            .Concat(FingerprintCorpus.Protected.Select(p => (p.Id, p.Text)))
            .Append(("chatter", FingerprintCorpus.Padding(5000, 7)));
        foreach ((string otherId, string text) in others)
        {
            foreach ((string id, HashSet<ulong> hashes, _) in documents)
            {
                if (id == otherId)
                {
                    continue;
                }

                int best = BestRegion(scheme, hashes, text);
                figures.WorstFalseRegion = Math.Max(figures.WorstFalseRegion, best);
                Count(figures.FalseDocuments, best);
            }
        }

        return figures;
    }

    private static void Count(int[] counts, int bestRegion)
    {
        for (int t = 0; t < Thresholds.Length; t++)
        {
            if (bestRegion >= Thresholds[t])
            {
                counts[t]++;
            }
        }
    }

    /// <summary>The most distinct document hashes in one region of the text (the quantity the thresholds apply to).</summary>
    private static int BestRegion(FingerprintScheme scheme, HashSet<ulong> document, string text)
    {
        using NormalizedText normalized = TextNormalizer.Normalize(text);
        using FingerprintSample sample = FingerprintSample.Take(normalized.Text, scheme);
        int maxGap = FingerprintScoring.MaxGap(scheme);
        int best = 0, last = int.MinValue;
        var region = new HashSet<ulong>();
        for (int i = 0; i < sample.Count; i++)
        {
            if (!document.Contains(sample.Hashes[i]))
            {
                continue;
            }

            if (sample.Starts[i] - last > maxGap)
            {
                region.Clear();
            }

            region.Add(sample.Hashes[i]);
            last = sample.Starts[i];
            best = Math.Max(best, region.Count);
        }

        return best;
    }

    private static SimHashFigures MeasureSimHash(FingerprintScheme scheme)
    {
        var figures = new SimHashFigures();
        var all = FingerprintCorpus.Protected.Select(p => p.Text).Concat(FingerprintCorpus.SameTopic).ToList();
        foreach ((string id, string text) in FingerprintCorpus.Protected)
        {
            ulong original = SimHashOf(scheme, text);
            string framed = "转一篇文章，大家看看：\n" + text.Replace("。", "，", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal) + "\n（完）";
            figures.Framed.Add(BitOperations.PopCount(original ^ SimHashOf(scheme, framed)));
            figures.Light.Add(BitOperations.PopCount(original ^ SimHashOf(scheme, Edited(text, 50))));
            figures.Medium.Add(BitOperations.PopCount(original ^ SimHashOf(scheme, Edited(text, 25))));
            figures.Heavy.Add(BitOperations.PopCount(original ^ SimHashOf(scheme, Edited(text, 8))));
        }

        for (int i = 0; i < all.Count; i++)
        {
            for (int j = i + 1; j < all.Count; j++)
            {
                figures.Nearest = Math.Min(figures.Nearest, BitOperations.PopCount(SimHashOf(scheme, all[i]) ^ SimHashOf(scheme, all[j])));
            }
        }

        return figures;
    }

    private static ulong SimHashOf(FingerprintScheme scheme, string text) => scheme.Compute("d", null, text).SimHash;

    private static HashSet<ulong> HashSetOf(FingerprintScheme scheme, string text) => [.. scheme.Compute("d", null, text).Hashes];

    private static int Letters(string text) => TextNormalizer.NormalizeToString(text).Count(char.IsLetterOrDigit);

    /// <summary>Spaces, asterisks and zero-width spaces between letters, ASCII made full-width: what a poster does to dodge filters.</summary>
    internal static string Noisy(string text, int seed)
    {
        var random = new Random(seed);
        var noisy = new StringBuilder();
        foreach (char c in text)
        {
            noisy.Append(c is >= '!' and <= '~' ? (char)(c - '!' + '！') : c);
            switch (random.Next(6))
            {
                case 0: noisy.Append(' '); break;
                case 1: noisy.Append('*'); break;
                case 2: noisy.Append('\u200B'); break;
                default: break;
            }
        }

        return noisy.ToString();
    }

    /// <summary>Every <paramref name="every"/>-th CJK character replaced by another one.</summary>
    internal static string Edited(string text, int every)
    {
        var edited = new StringBuilder(text.Length);
        int letters = 0;
        foreach (char c in text)
        {
            bool cjk = c is >= '\u4E00' and <= '\u9FFF';
            edited.Append(cjk && ++letters % every == 0 ? (c == '的' ? '之' : '的') : c);
        }

        return edited.ToString();
    }

    private sealed class SimHashFigures
    {
        public List<int> Framed { get; } = [];

        public List<int> Light { get; } = [];

        public List<int> Medium { get; } = [];

        public List<int> Heavy { get; } = [];

        public int Nearest { get; set; } = 64;
    }

    private sealed class Figures(int thresholds)
    {
        public int Pairs { get; set; }

        public double HashesPerThousand { get; init; }

        public int LongPairs { get; set; }

        public int[] Clean { get; } = new int[thresholds];

        public int[] LongClean { get; } = new int[thresholds];

        public int[] LongNoisy { get; } = new int[thresholds];

        public int[] LongEdited { get; } = new int[thresholds];

        public int[] FalseDocuments { get; } = new int[thresholds];

        public int WorstFalseRegion { get; set; }
    }
}
