using Moderation.Learning.Corpus;
using Moderation.Learning.Corpus.Generation;

namespace Moderation.Learning.Tests;

public sealed class CorpusTests
{
    // The generated part; the hand-written training posts (all train split) are checked by YardstickTests.
    private static readonly IReadOnlyList<CorpusExample> Shipped = CorpusFile.Parse(CorpusFile.ShippedText());

    /// <summary>
    /// The shipped file is exactly what the generator writes. After changing a template, regenerate it with
    /// <c>MODERATION_WRITE_CORPUS=1 dotnet test tests/Moderation.Learning.Tests --filter Shipped_corpus_is_what_the_generator_writes</c>.
    /// </summary>
    [Fact]
    public void Shipped_corpus_is_what_the_generator_writes()
    {
        string generated = CorpusFile.Format(CorpusGenerator.Generate());
        if (Environment.GetEnvironmentVariable("MODERATION_WRITE_CORPUS") == "1")
        {
            File.WriteAllText(Path.Combine(RepositoryFiles.Root, "shared", "Moderation.Learning", "Corpus", "corpus.jsonl"), generated);
            return;
        }

        generated.Should().Be(CorpusFile.ShippedText(), "Corpus/corpus.jsonl must be regenerated after a template changes (see this test's comment)");
    }

    [Fact]
    public void Generation_is_deterministic() =>
        CorpusFile.Format(CorpusGenerator.Generate(seed: 7)).Should().Be(CorpusFile.Format(CorpusGenerator.Generate(seed: 7)));

    [Fact]
    public void No_template_family_is_in_both_splits()
    {
        var splitsByFamily = Shipped.GroupBy(e => e.Family).ToDictionary(g => g.Key, g => g.Select(e => e.Split).Distinct().ToList());
        splitsByFamily.Should().OnlyContain(pair => pair.Value.Count == 1);

        // An evasion family is its base family written differently: it must sit in its base's split.
        var baseSplit = Shipped.Where(e => !e.Family.Contains('~', StringComparison.Ordinal)).GroupBy(e => e.Family).ToDictionary(g => g.Key, g => g.First().Split);
        Shipped.Where(e => e.Family.Contains('~', StringComparison.Ordinal))
            .Should().OnlyContain(e => baseSplit[e.Family.Split('~', 2)[0]] == e.Split);
    }

    [Fact]
    public void No_post_text_is_in_both_splits()
    {
        var train = Shipped.Where(e => e.Split == CorpusSplits.Train).Select(e => $"{e.Title}\u0001{e.Body}").ToHashSet();
        Shipped.Where(e => e.Split == CorpusSplits.Test).Should().NotContain(e => train.Contains($"{e.Title}\u0001{e.Body}"));
    }

    [Fact]
    public void It_is_large_varied_and_covers_every_category_in_both_splits()
    {
        Shipped.Should().HaveCountGreaterThanOrEqualTo(3000);
        Shipped.Select(e => e.Family).Distinct().Should().HaveCountGreaterThanOrEqualTo(60);
        Shipped.Select(e => $"{e.Title}\u0001{e.Body}").Distinct().Should().HaveCount(Shipped.Count);
        Shipped.Count(e => e.IsSecret).Should().BeInRange(Shipped.Count * 2 / 5, Shipped.Count * 3 / 5);
        Shipped.Should().Contain(e => e.Body.Any(char.IsAsciiLetter)).And.Contain(e => e.Body.Any(IsHan));

        // near-miss-everyday is a category of the hand-written posts only.
        foreach (string category in CorpusCategories.Groups.Keys.Where(c => c != CorpusCategories.EverydayNearMiss))
        {
            foreach (string split in new[] { CorpusSplits.Train, CorpusSplits.Test })
            {
                Shipped.Should().Contain(e => e.Category == category && e.Split == split, $"{category} should have examples in {split}");
            }
        }

        Shipped.Should().OnlyContain(e => CorpusCategories.Groups.ContainsKey(e.Category));
        Shipped.Where(e => e.IsSecret).Should().OnlyContain(e => CorpusCategories.Groups[e.Category] == CategoryGroup.Leak);
        Shipped.Where(e => !e.IsSecret).Should().OnlyContain(e => CorpusCategories.Groups[e.Category] != CategoryGroup.Leak);
    }

    [Fact]
    public void Evasions_use_every_trick()
    {
        var evasions = Shipped.Where(e => e.Category == CorpusCategories.Evasion).ToList();
        evasions.Should().Contain(e => e.Body.Contains('\u200B', StringComparison.Ordinal) || e.Body.Contains('\u200C', StringComparison.Ordinal) || e.Body.Contains('\uFEFF', StringComparison.Ordinal));
        evasions.Should().Contain(e => e.Body.Contains("机*密", StringComparison.Ordinal) || e.Body.Contains("机 密", StringComparison.Ordinal) || e.Body.Contains("机.密", StringComparison.Ordinal));
        evasions.Should().Contain(e => e.Body.Contains('Ｓ', StringComparison.Ordinal) || e.Body.Contains('★', StringComparison.Ordinal) && e.Body.Contains('１', StringComparison.Ordinal));
        evasions.Should().Contain(e => e.Body.Contains("機密", StringComparison.Ordinal) || e.Body.Contains("絕密", StringComparison.Ordinal));
    }

    [Fact]
    public void Near_misses_include_the_classic_traps()
    {
        string clean = string.Join("\n", Shipped.Where(e => !e.IsSecret).Select(e => e.Body));
        clean.Should().Contain("秘密配方").And.Contain("机密任务").And.Contain("★★★★☆").And.Contain("内部类").And.Contain("internal server error").And.Contain("保守国家秘密法").And.MatchRegex("发〔20[0-9]{2}〕[0-9]+号");
    }

    [Fact]
    public void A_malformed_line_is_reported_with_its_number()
    {
        string jsonl = """
            {"id":"a","body":"x","label":"secret","category":"c","family":"f","split":"train"}
            {"id":"b","body":"y","label":"maybe","category":"c","family":"f","split":"train"}
            """;

        FluentActions.Invoking(() => CorpusFile.Parse(jsonl)).Should().Throw<CorpusFormatException>()
            .Where(e => e.LineNumber == 2 && e.Message.Contains("'label'", StringComparison.Ordinal));
    }

    private static bool IsHan(char c) => c >= '\u4e00' && c <= '\u9fff';
}
