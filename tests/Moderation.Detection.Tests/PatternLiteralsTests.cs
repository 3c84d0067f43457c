using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using Moderation.Detection.Matching;
using Moderation.Detection.Normalization;

namespace Moderation.Detection.Tests;

/// <summary>
/// The literals a pattern cannot match without (<see cref="PatternLiterals"/>), by which the engine
/// decides which patterns read a post. A literal set that misses a way the pattern can match would
/// silently drop findings, so soundness is checked on every labelled post the project holds.
/// </summary>
public class PatternLiteralsTests
{
    [Theory]
    [InlineData("abc", new[] { "abc" })]
    [InlineData("TOP SECRET", new[] { "top secret" })]
    [InlineData("a|b", new[] { "a", "b" })]
    [InlineData("x?y", new[] { "y" })]
    [InlineData(@"\d+号", new[] { "号" })]
    [InlineData("[abc]d", new[] { "ad", "bd", "cd" })]
    [InlineData("[^a]b", new[] { "b" })]
    [InlineData("a{3}", new[] { "aaa" })]
    [InlineData("ab{2,}", new[] { "bb" })]
    [InlineData("x{0,3}y", new[] { "y" })]
    [InlineData(@"(?m)^secret\s*$", new[] { "secret" })]
    [InlineData(@"\bts\b", new[] { "ts" })]
    [InlineData("(?<level>绝密|机密)级", new[] { "机密级", "绝密级" })]
    [InlineData(@"(绝密|机密)\s*★", new[] { "机密", "绝密" })]
    [InlineData(@"[\s:]{0,4}密级|份号\s*\d", new[] { "份号", "密级" })]
    [InlineData(@"\(ts\)", new[] { "(ts)" })]
    [InlineData(@"copy\s+\d{1,3}\s+of", new[] { "copy" })]
    [InlineData(@"内部(资料|文件)?", new[] { "内部" })]
    public void Every_match_holds_one_of_the_literals_derived_from_the_syntax(string pattern, string[] expected)
    {
        PatternLiterals.Required(pattern).Should().BeEquivalentTo(expected);
    }

    [Theory]
    [InlineData(@"[a-z]+:\s*[a-z]+_[a-z0-9]+", "_")]
    [InlineData(@"[a-z]\.[a-z]+\s*=", "=")]
    [InlineData(@"a\.b:c", "a.b:c")]
    [InlineData(@"x\s*\(\s*密", "密")]
    public void Of_the_parts_of_a_sequence_the_literal_posts_hold_least_often_is_kept(string pattern, string expected)
    {
        // Prose punctuation (also what full-width marks normalise to) is in most posts; the signs of code are not.
        PatternLiterals.Required(pattern).Should().Equal(expected);
    }

    [Theory]
    [InlineData(@"\d+")]
    [InlineData("x*")]
    [InlineData(".{2,}")]
    [InlineData(@"(a|\d)")]
    [InlineData(@"[\u4e00-\u9fff]+")]
    [InlineData(@"\p{IsCJKUnifiedIdeographs}{2}")]
    [InlineData("(?x) a b")]
    [InlineData(@"(a)\1")]
    [InlineData("abc|")]
    public void A_pattern_that_can_match_without_a_particular_literal_has_none(string pattern)
    {
        PatternLiterals.Required(pattern).Should().BeNull();
    }

    [Fact]
    public void A_product_of_alternatives_too_large_to_spell_out_keeps_the_most_selective_part()
    {
        // 2 × 7 × 7 strings are too many to spell out; the first two parts, 14 strings, are the most selective run.
        IReadOnlyList<string>? literals = PatternLiterals.Required("(机密|绝密)(a|b|c|d|e|f|g)(h|i|j|k|l|m|n)");

        literals.Should().HaveCount(14).And.OnlyContain(l => l.Length == 3 && (l.StartsWith("机密", StringComparison.Ordinal) || l.StartsWith("绝密", StringComparison.Ordinal)));
    }

    /// <summary>
    /// Every default pattern, over every labelled post of the project (generated, hand-written for
    /// training, the yardstick, the evasion and near-miss suites): wherever the pattern matches the
    /// normalised text, one of its literals is in that text, so the prefilter never skips a match;
    /// the same for every branch a pattern is split into (<see cref="PatternBranches"/>).
    /// </summary>
    [Fact]
    public void On_every_labelled_post_each_default_pattern_matches_only_where_one_of_its_literals_is()
    {
        Rule[] patterns = [.. RuleSet.LoadDefault().Rules.Where(r => r.Kind == RuleKind.Pattern)];
        string[] texts = [.. LabelledTexts().Select(Fold)];
        texts.Length.Should().BeGreaterThan(10_000, "the corpora must have been found");
        int matched = 0;
        foreach (string pattern in patterns.Select(r => r.Pattern!).Concat(patterns.SelectMany(r => r.Branches).Select(b => b.Pattern)).Distinct())
        {
            if (PatternLiterals.Required(pattern) is not { } literals)
            {
                continue;
            }

            var regex = new Regex(pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
            foreach (string folded in texts)
            {
                if (regex.Match(folded) is { Success: true, Length: > 0 } match)
                {
                    matched++;
                    literals.Should().Contain(l => folded.Contains(l, StringComparison.Ordinal),
                        $"pattern {pattern} matched '{match.Value}' in: {folded[..Math.Min(200, folded.Length)]}");
                }
            }
        }

        matched.Should().BeGreaterThan(3_000, "the patterns must have matched enough posts for the check to mean something");
    }

    [Fact]
    public void A_pattern_whose_literal_sits_inside_a_word_still_runs_and_finds_it()
    {
        RuleSet rules = PatternRuleSets.Of(("inside", "secret[a-z]*file"));
        var engine = new DetectionEngine(rules);

        engine.Scan(new ScanInput(null, "see the topsecretfile please")).Findings.Select(f => f.RuleId).Should().Equal("inside");
        engine.Scan(new ScanInput(null, "see the topsecre tfile please")).Findings.Should().BeEmpty();
    }

    [Fact]
    public void A_pattern_without_literals_runs_on_every_text()
    {
        RuleSet rules = PatternRuleSets.Of(("digits", "\\d{6}"), ("word", "机密\\d"));
        var engine = new DetectionEngine(rules);

        engine.UnfilteredPatterns.Should().Equal("digits");
        engine.Scan(new ScanInput(null, "code 123456 and 机密7")).Findings.Select(f => f.RuleId).Should().BeEquivalentTo(["digits", "word"]);
    }

    private static string Fold(string text)
    {
        using NormalizedText normalized = TextNormalizer.Normalize(text);
        return normalized.Text.ToString();
    }

    /// <summary>The titles and bodies of every labelled post the project holds, as written.</summary>
    internal static List<string> LabelledTexts([CallerFilePath] string source = "")
    {
        string tests = Path.GetDirectoryName(source)!;
        string learning = Path.Combine(tests, "..", "..", "shared", "Moderation.Learning");
        IEnumerable<string> files = Directory.EnumerateFiles(Path.Combine(learning, "Corpus"), "*.jsonl", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(learning, "Yardstick"), "*.jsonl", SearchOption.AllDirectories))
            .Concat(Directory.EnumerateFiles(Path.Combine(tests, "Corpus"), "*.jsonl"));
        var texts = new List<string>();
        foreach (string file in files)
        {
            foreach (string line in File.ReadLines(file))
            {
                if (line.Length == 0)
                {
                    continue;
                }

                using JsonDocument document = JsonDocument.Parse(line);
                foreach (string field in (string[])["title", "body", "text"])
                {
                    if (document.RootElement.TryGetProperty(field, out JsonElement value) && value.ValueKind == JsonValueKind.String)
                    {
                        texts.Add(value.GetString()!);
                    }
                }
            }
        }

        return texts;
    }
}
