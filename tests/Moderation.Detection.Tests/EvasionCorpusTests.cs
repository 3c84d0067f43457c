using Xunit.Abstractions;

namespace Moderation.Detection.Tests;

/// <summary>
/// One evasion suite per trick (Corpus/evasion.jsonl): noise, full-width, zero-width, traditional,
/// homoglyph, digit style, pinyin and mixed. The default engine must catch at least 95 % of each, a case
/// counting as caught when a finding of the expected category covers the whole marking.
/// </summary>
public class EvasionCorpusTests(ITestOutputHelper output)
{
    private const double RequiredRecall = 0.95;
    private static readonly DetectionEngine Engine = DetectionEngine.CreateDefault();

    private static readonly string[] TrickNames =
        ["noise", "full-width", "zero-width", "traditional", "homoglyph", "digit-style", "pinyin", "mixed"];

    public static TheoryData<string> Tricks => [.. TrickNames];

    [Theory]
    [MemberData(nameof(Tricks))]
    public void The_default_rules_see_through_each_trick(string trick)
    {
        List<NormalizationCorpus.EvasionCase> cases = NormalizationCorpus.Evasions.Where(c => c.Trick == trick).ToList();
        List<NormalizationCorpus.EvasionCase> missed = cases.Where(c => !IsCaught(c)).ToList();
        double recall = 1 - ((double)missed.Count / cases.Count);
        output.WriteLine($"{trick}: {cases.Count - missed.Count}/{cases.Count} caught, recall {recall:P1}");
        foreach (NormalizationCorpus.EvasionCase miss in missed)
        {
            output.WriteLine($"  missed {miss.Category}: {miss.Marking}");
        }

        cases.Should().HaveCountGreaterThanOrEqualTo(12, "each trick needs enough cases for its recall to mean something");
        recall.Should().BeGreaterThanOrEqualTo(RequiredRecall, $"missed: {string.Join(" | ", missed.Select(m => m.Marking))}");
    }

    [Fact]
    public void The_corpus_is_well_formed()
    {
        IReadOnlyList<NormalizationCorpus.EvasionCase> cases = NormalizationCorpus.Evasions;

        cases.Should().HaveCountGreaterThanOrEqualTo(100);
        cases.Select(c => c.Trick).Distinct().Should().BeEquivalentTo(TrickNames);
        cases.Should().OnlyContain(c => RuleCategories.All.Contains(c.Category));
        cases.Should().OnlyContain(c => c.Text.Contains(c.Marking, StringComparison.Ordinal));
    }

    [Fact]
    public void A_finding_highlights_exactly_the_disguised_marking()
    {
        foreach (NormalizationCorpus.EvasionCase evasion in NormalizationCorpus.Evasions.Where(c => c.Category == RuleCategories.SecrecyMarking))
        {
            int start = evasion.Text.IndexOf(evasion.Marking, StringComparison.Ordinal);
            ScanResult result = Engine.Scan(new ScanInput(null, evasion.Text));

            result.Findings.Where(f => f.Category == RuleCategories.SecrecyMarking && Covers(f, start, evasion.Marking.Length))
                .Should().Contain(f => f.Start == start && f.Length == evasion.Marking.Length, $"the finding for '{evasion.Marking}' starts and ends with it");
        }
    }

    private static bool IsCaught(NormalizationCorpus.EvasionCase evasion)
    {
        int start = evasion.Text.IndexOf(evasion.Marking, StringComparison.Ordinal);
        return Engine.Scan(new ScanInput(null, evasion.Text)).Findings
            .Any(f => f.Category == evasion.Category && Covers(f, start, evasion.Marking.Length));
    }

    private static bool Covers(Finding finding, int start, int length) =>
        finding.Field == TextField.Body && finding.Start <= start && finding.Start + finding.Length >= start + length;
}
