using System.Text.RegularExpressions;
using Moderation.Detection.Matching;
using Moderation.Detection.Normalization;

namespace Moderation.Detection.Tests;

/// <summary>
/// A pattern's top-level alternatives run as patterns of their own (<see cref="PatternBranches"/>),
/// each when its own literals are in the text. The rule must still fire exactly where the whole
/// alternation matches.
/// </summary>
public class PatternBranchesTests
{
    [Theory]
    [InlineData("a|b|c", new[] { "a", "b", "c" })]
    [InlineData(@"(a|b)c|d\|e", new[] { "(a|b)c", @"d\|e" })]
    [InlineData("[|]x|y", new[] { "[|]x", "y" })]
    [InlineData(@"[\]|]x|y", new[] { @"[\]|]x", "y" })]
    [InlineData("[]|]x|y", new[] { "[]|]x", "y" })]
    [InlineData("(?m:^)ab|cd", new[] { "(?m:^)ab", "cd" })]
    [InlineData("(?:a|b)", new[] { "(?:a|b)" })]
    [InlineData("abc", new[] { "abc" })]
    [InlineData("(?i)a|b", new[] { "(?i)a|b" })]
    [InlineData("a||b", new[] { "a||b" })]
    [InlineData("a|", new[] { "a|" })]
    public void Only_an_alternation_at_the_top_level_is_split(string pattern, string[] branches)
    {
        PatternBranches.Split(pattern).Should().Equal(branches);
    }

    [Fact]
    public void Branches_without_literals_run_together_and_the_others_each_alone()
    {
        IReadOnlyList<PatternMatcher> matchers = PatternBranches.Of(@"\d{6}|机密\d|[a-z]{2}\d{4}|traceback");

        matchers.Select(m => m.Pattern).Should().Equal(@"机密\d", "traceback", @"\d{6}|[a-z]{2}\d{4}");
        matchers.Select(m => m.Literals is null).Should().Equal(false, false, true);
    }

    [Fact]
    public void Where_two_branches_match_overlapping_text_the_rule_reports_it_once()
    {
        var engine = new DetectionEngine(PatternRuleSets.Of(("code", @"os\.environ|[a-z_]\.[a-z_]+\(|environ\[")));
        string text = "value = os.environ['key'] then log.info(value)";

        Finding[] findings = [.. engine.Scan(new ScanInput(null, text)).Findings];

        findings.Select(f => text.Substring(f.Start, f.Length)).Should().Equal("os.environ", "g.info(");
    }

    /// <summary>
    /// Every default pattern rule over every labelled post the project holds: the engine reports the
    /// rule in a text exactly when the whole pattern, unsplit, matches that text.
    /// </summary>
    [Fact]
    public void On_every_labelled_post_a_split_rule_fires_exactly_where_its_whole_pattern_matches()
    {
        RuleSet rules = RuleSet.LoadDefault();
        var engine = new DetectionEngine(rules);
        Rule[] split = [.. rules.Rules.Where(r => r.Branches.Count > 1)];
        split.Should().Contain(r => r.Id == "discussion-code-shown", "the default rule set has wide alternations to split");
        Regex[] whole = [.. split.Select(r => new Regex(r.Pattern!, RuleSetParser.PatternOptions))];
        int fired = 0;
        foreach (string text in PatternLiteralsTests.LabelledTexts())
        {
            HashSet<string> reported = [.. engine.Scan(new ScanInput(null, text)).Findings.Select(f => f.RuleId)];
            string folded = TextNormalizer.NormalizeToString(text);
            for (int i = 0; i < split.Length; i++)
            {
                bool matches = whole[i].Matches(folded).Any(m => m.Length > 0);
                reported.Contains(split[i].Id).Should().Be(matches, $"rule {split[i].Id} on: {folded[..Math.Min(200, folded.Length)]}");
                fired += matches ? 1 : 0;
            }
        }

        fired.Should().BeGreaterThan(1_000, "the split rules must have matched enough posts for the check to mean something");
    }
}
