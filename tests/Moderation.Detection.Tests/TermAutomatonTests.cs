using Moderation.Detection.Matching;

namespace Moderation.Detection.Tests;

public class TermAutomatonTests
{
    private static List<(int Payload, int Start, int Length)> FindAll(string text, params string[] terms)
    {
        TermAutomaton automaton = TermAutomaton.Build([.. terms.Select((t, i) => (t, i))]);
        var found = new List<(int, int, int)>();
        foreach (TermMatch match in automaton.Find(text))
        {
            found.Add((match.Payload, match.Start, match.Length));
        }

        return found;
    }

    [Fact]
    public void Every_occurrence_of_every_term_is_found_in_one_pass()
    {
        FindAll("绝机密文件", "机密", "密文", "机密文件", "文件", "秘密").Should().BeEquivalentTo(
        [
            (0, 1, 2), (1, 2, 2), (2, 1, 4), (3, 3, 2),
        ]);
    }

    [Fact]
    public void Overlapping_and_nested_CJK_terms_are_all_reported()
    {
        FindAll("内部资料内部文件", "内部", "内部资料", "资料内部", "文件").Should().BeEquivalentTo(
        [
            (0, 0, 2), (1, 0, 4), (2, 2, 4), (0, 4, 2), (3, 6, 2),
        ]);
    }

    [Fact]
    public void The_same_term_registered_twice_reports_both_payloads()
    {
        FindAll("x机密y", "机密", "机密").Select(m => m.Payload).Should().BeEquivalentTo([0, 1]);
    }

    [Theory]
    [InlineData("classified", 1)]
    [InlineData("it is classified.", 1)]
    [InlineData("unclassified", 0)]
    [InlineData("classifieds", 0)]
    [InlineData("classified2", 0)]
    [InlineData("机密classified文件", 1)]
    public void Latin_terms_match_whole_words_only(string text, int expected)
    {
        FindAll(text, "classified").Should().HaveCount(expected);
    }

    [Fact]
    public void Text_without_any_term_character_finds_nothing()
    {
        FindAll("今天天气很好", "机密", "内部资料").Should().BeEmpty();
    }
}
