using System.Text;
using Moderation.Detection.Matching;

namespace Moderation.Detection.Tests;

/// <summary>
/// The automaton finds exactly what a brute-force search finds: every occurrence of every term,
/// overlapping ones included, Latin terms at word boundaries only. Inputs are random with fixed seeds.
/// </summary>
public class TermAutomatonReferenceTests
{
    // Few distinct characters, so terms are prefixes, suffixes and infixes of each other and of the
    // text all the time; Latin letters and digits for the word-boundary rule; a space and a full stop
    // to break words; two characters outside the BMP, each a surrogate pair.
    private static readonly string[] s_smallAlphabet =
        ["机", "密", "文", "件", "内", "部", "a", "b", "c", "1", " ", "。", "\U00020000", "😀"];

    // Enough distinct characters that terms start with more of them than the automaton jumps
    // between, so long texts are read in lanes.
    private static readonly string[] s_largeAlphabet =
    [
        .. s_smallAlphabet,
        .. "资料传阅发行刊物材料仅供不得外严禁复制翻印扩散后收回销毁用注意保军事秘作战计划方案兵力署备等级队番号武器装型导弹阵地射驻调动值班雷达设施坐标布防图".Select(c => c.ToString()),
    ];

    [Theory]
    [InlineData(1, 1, false)]
    [InlineData(100, 2, false)]
    [InlineData(5_000, 3, false)]
    [InlineData(100, 4, true)]
    [InlineData(5_000, 5, true)]
    public void Random_terms_over_random_text_match_the_brute_force_search(int termCount, int seed, bool largeAlphabet)
    {
        var random = new Random(seed);
        string[] alphabet = largeAlphabet ? s_largeAlphabet : s_smallAlphabet;
        string[] terms = RandomTerms(random, alphabet, termCount, maxLength: 8);
        TermAutomaton automaton = Build(terms);
        automaton.SkipsToTermStarts.Should().Be(!largeAlphabet, "both ways of scanning are under test");

        // Lengths around and far beyond the point where the text is split into lanes.
        foreach (int length in new[] { 0, 1, 2, 7, 63, 64, 255, 256, 300, 301, 302, 303, 1_000, 4_099 })
        {
            string text = RandomText(random, alphabet, length);
            Find(automaton, text).Should().Equal(BruteForce(terms, text), $"text of {length} units: {Abbreviate(text)}");
        }
    }

    [Fact]
    public void Sparse_term_starts_in_long_runs_of_other_text_are_all_found()
    {
        string[] terms = ["机密", "密文件", "a b", "1"];
        TermAutomaton automaton = Build(terms);
        automaton.SkipsToTermStarts.Should().BeTrue();
        var random = new Random(6);
        for (int round = 0; round < 200; round++)
        {
            var text = new StringBuilder();
            int length = random.Next(0, 3_000);
            while (text.Length < length)
            {
                // Runs of every length, from none to far longer than one vectorised step.
                text.Append('好', random.Next(0, 3) == 0 ? random.Next(0, 200) : random.Next(0, 20));
                text.Append(s_smallAlphabet[random.Next(s_smallAlphabet.Length)]);
            }

            Find(automaton, text.ToString()).Should().Equal(BruteForce(terms, text.ToString()));
        }
    }

    [Fact]
    public void Terms_that_are_prefixes_and_suffixes_of_each_other_are_all_reported()
    {
        string[] terms = ["机", "机密", "机密文", "机密文件", "密文件", "文件", "件", "密", "密机", "件机密"];
        TermAutomaton automaton = Build(terms);
        var random = new Random(4);
        for (int round = 0; round < 200; round++)
        {
            var text = new StringBuilder();
            int length = random.Next(0, 700);
            while (text.Length < length)
            {
                text.Append("机密文件"[random.Next(4)]);
            }

            Find(automaton, text.ToString()).Should().Equal(BruteForce(terms, text.ToString()));
        }
    }

    [Fact]
    public void Latin_and_mixed_terms_keep_to_word_boundaries_wherever_the_text_is_split()
    {
        string[] terms = ["a", "ab", "abc", "bc", "c1", "1", "a机", "机a", "top secret", "secret", "机密"];
        TermAutomaton automaton = Build(terms);
        var random = new Random(5);
        string[] pieces = ["a", "b", "c", "1", " ", "机", "密", "top", "secret", "_", "-", "."];
        for (int round = 0; round < 200; round++)
        {
            var text = new StringBuilder();
            int length = random.Next(0, 900);
            while (text.Length < length)
            {
                text.Append(pieces[random.Next(pieces.Length)]);
            }

            Find(automaton, text.ToString()).Should().Equal(BruteForce(terms, text.ToString()));
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Every_occurrence_is_found_once_at_every_offset_of_a_long_text(bool lanes)
    {
        // A term at each position in turn, so one straddles every boundary between lanes. Terms that
        // start with other characters, absent from the text, make the automaton read in lanes.
        string[] terms = ["机密文件", "密文", "文件内部资料", .. lanes ? s_largeAlphabet.Skip(14).Select(c => c + "甲") : []];
        TermAutomaton automaton = Build(terms);
        automaton.SkipsToTermStarts.Should().Be(!lanes);
        string filler = new('好', 1_000);
        for (int at = 0; at <= filler.Length - 6; at++)
        {
            string text = filler[..at] + "文件内部资料" + filler[(at + 6)..];
            Find(automaton, text).Should().Equal([(2, at, 6)], $"the term at {at}");
        }
    }

    [Fact]
    public void A_term_longer_than_a_lane_is_found()
    {
        string longTerm = string.Concat(Enumerable.Repeat("机密文件", 200));
        string[] terms = [longTerm, "机密"];
        TermAutomaton automaton = Build(terms);
        string text = "前言" + longTerm + "后记" + longTerm[..400];

        Find(automaton, text).Should().Equal(BruteForce(terms, text));
    }

    [Fact]
    public void Empty_input_finds_nothing()
    {
        Find(Build(["机密", "a"]), string.Empty).Should().BeEmpty();
    }

    [Fact]
    public void No_terms_find_nothing()
    {
        Find(Build([]), "机密文件 classified").Should().BeEmpty();
    }

    [Fact]
    public void Terms_with_surrogate_pairs_match_whole_code_points()
    {
        string[] terms = ["\U00020000", "\U00020000机", "😀😀", "密😀"];
        string text = "机\U00020000机密😀😀😀 \U00020000";

        Find(Build(terms), text).Should().Equal(BruteForce(terms, text)).And.HaveCount(6);
    }

    private static TermAutomaton Build(string[] terms) => TermAutomaton.Build(terms.Select((t, i) => (t, i)));

    private static List<(int Payload, int Start, int Length)> Find(TermAutomaton automaton, string text)
    {
        var found = new List<(int Payload, int Start, int Length)>();
        foreach (TermMatch match in automaton.Find(text))
        {
            found.Add((match.Payload, match.Start, match.Length));
        }

        // The automaton promises no order across the parts of a long text.
        found.Sort();
        return found;
    }

    private static List<(int Payload, int Start, int Length)> BruteForce(string[] terms, string text)
    {
        var found = new List<(int Payload, int Start, int Length)>();
        for (int t = 0; t < terms.Length; t++)
        {
            string term = terms[t];
            for (int start = 0; start + term.Length <= text.Length; start++)
            {
                int end = start + term.Length;
                if (text.AsSpan(start).StartsWith(term, StringComparison.Ordinal)
                    && (!char.IsAsciiLetterOrDigit(term[0]) || start == 0 || !char.IsAsciiLetterOrDigit(text[start - 1]))
                    && (!char.IsAsciiLetterOrDigit(term[^1]) || end == text.Length || !char.IsAsciiLetterOrDigit(text[end])))
                {
                    found.Add((t, start, term.Length));
                }
            }
        }

        found.Sort();
        return found;
    }

    private static string[] RandomTerms(Random random, string[] alphabet, int count, int maxLength)
    {
        // Duplicates on purpose: a term registered twice reports both payloads.
        var terms = new string[count];
        for (int i = 0; i < count; i++)
        {
            terms[i] = RandomText(random, alphabet, random.Next(1, maxLength + 1));
        }

        return terms;
    }

    private static string RandomText(Random random, string[] alphabet, int length)
    {
        var text = new StringBuilder(length + 2);
        while (text.Length < length)
        {
            text.Append(alphabet[random.Next(alphabet.Length)]);
        }

        return text.ToString();
    }

    private static string Abbreviate(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
