using Moderation.Detection.Matching;

namespace Moderation.Detection.Tests;

/// <summary>
/// Which engine runs a pattern (<see cref="PatternMatcher"/>): compiled backtracking, timed against
/// the non-backtracking engine on its first texts, the cheaper kept; the non-backtracking engine at once
/// when a repeated part nests a repetition or an alternation, and for good once a backtracking run goes
/// over its budget.
/// </summary>
public class PatternMatcherTests
{
    [Theory]
    [InlineData("(a+)+$", true)]
    [InlineData("(a|aa)+b", true)]
    [InlineData("(x+x+)+y", true)]
    [InlineData(@"(\s*x)*", true)]
    [InlineData("((a{1,3}))+", true)]
    [InlineData("a+b*c{2,5}", false)]
    [InlineData("(ab)+", false)]
    [InlineData(@"(绝密|机密)\s*★(\s*\d+年)?", false)]
    [InlineData(@"密级[\s:]{0,4}(绝密|机密|秘密)", false)]
    public void A_pattern_that_repeats_a_repetition_or_an_alternation_runs_in_linear_time(string pattern, bool bounded)
    {
        PatternLiterals.NestsRepetition(pattern).Should().Be(bounded);
        var matcher = new PatternMatcher(pattern);
        matcher.Regex.Options.HasFlag(System.Text.RegularExpressions.RegexOptions.NonBacktracking).Should().Be(bounded);
        (matcher.Linear, matcher.Trying).Should().Be((bounded, !bounded), "only a pattern backtracking can run is tried on both");
    }

    [Fact]
    public void Every_default_pattern_may_run_on_compiled_backtracking()
    {
        RuleSet.Parse(File.ReadAllText(DefaultEngine.RulesFile())).Rules.Where(r => r.Kind == RuleKind.Pattern)
            .Where(r => PatternLiterals.NestsRepetition(r.Pattern!)).Select(r => r.Id)
            .Should().BeEmpty("a default pattern sent straight to the non-backtracking engine is never tried on the cheaper one");
    }

    [Fact]
    public void A_pattern_whose_backtracking_goes_over_budget_moves_to_linear_time_and_still_finds_its_match()
    {
        // Not nested, so it starts on backtracking; six loops over overlapping classes (the engine
        // cannot merge them) make every start position polynomially expensive before the one real
        // match at the end.
        RuleSet rules = PatternRuleSets.Of(("slow", "[ab]*[ac]*[ad]*[ae]*[af]*[ag]*zb"));
        var engine = new DetectionEngine(rules);
        PatternMatcher matcher = rules.Rules[0].Matcher!;
        matcher.Linear.Should().BeFalse();

        string text = new string('a', 3_000) + "q then aazb";
        ScanResult result = engine.Scan(new ScanInput(null, text));

        (matcher.Linear, matcher.Trying).Should().Be((true, false), "the backtracking run went over its budget, twice");
        Finding finding = result.Findings.Should().ContainSingle(f => f.RuleId == "slow").Which;
        (finding.Start, finding.Length).Should().Be((text.Length - 4, 4));
    }

    [Fact]
    public void After_its_trial_a_pattern_keeps_one_engine_and_finds_the_same_matches_as_before()
    {
        RuleSet rules = PatternRuleSets.Of(("grid", "\\d{1,2}[c-x][a-z]{2}\\s?\\d{4,5}"));
        var engine = new DetectionEngine(rules);
        PatternMatcher matcher = rules.Rules[0].Matcher!;
        string[] texts = [.. Enumerable.Range(0, PatternMatcher.TrialTexts + 8).Select(i => $"post {i}: grid 3{i % 10}t{(char)('a' + (i % 26))}{(char)('a' + (i % 7))} 1234{i % 10} and 2026 numbers {i * 7919}")];

        int[][] during = [.. texts.Take(PatternMatcher.TrialTexts).Select(t => engine.Scan(new ScanInput(null, t)).Findings.Select(f => f.Start).ToArray())];
        matcher.Trying.Should().BeFalse("the trial ends after its texts");
        int[][] after = [.. texts.Take(PatternMatcher.TrialTexts).Select(t => engine.Scan(new ScanInput(null, t)).Findings.Select(f => f.Start).ToArray())];

        after.Should().BeEquivalentTo(during, o => o.WithStrictOrdering(), $"whichever engine was kept (linear: {matcher.Linear}) finds the same");
        during.Count(d => d.Length > 0).Should().BeGreaterThan(PatternMatcher.TrialTexts / 2);
    }

    [Fact]
    public void No_more_patterns_are_under_trial_at_once_than_the_engine_has_slots_and_each_waits_its_turn()
    {
        string[] words = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot"];
        RuleSet rules = PatternRuleSets.Of([.. words.Select(w => (w, w + "\\s?\\d{2,4}"))]);
        words.Length.Should().BeGreaterThan(TrialSlots.PerEngine);
        var engine = new DetectionEngine(rules);
        PatternMatcher[] matchers = [.. rules.Rules.Select(r => r.Matcher!)];
        string Text(int i) => string.Join(" and ", words.Select(w => $"{w} {i % 90 + 10}"));

        for (int i = 0; i < PatternMatcher.TrialTexts; i++)
        {
            engine.Scan(new ScanInput(null, Text(i))).Findings.Should().HaveCount(words.Length);
        }

        matchers.Count(m => !m.Trying).Should().Be(TrialSlots.PerEngine, "the patterns that took the slots ended their trials on these texts, the others waited");
        for (int i = 0; i < PatternMatcher.TrialTexts; i++)
        {
            engine.Scan(new ScanInput(null, Text(i))).Findings.Should().HaveCount(words.Length);
        }

        matchers.Should().OnlyContain(m => !m.Trying, "the waiting patterns had their trials once the slots came back");
    }

    [Fact]
    public void A_pattern_whose_texts_are_rare_gives_its_slot_to_a_waiting_one_when_its_turn_runs_out()
    {
        string[] rare = ["alpha", "bravo", "charlie", "delta"];
        rare.Length.Should().Be(TrialSlots.PerEngine);
        RuleSet rules = PatternRuleSets.Of([.. rare.Append("echo").Select(w => (w, w + "\\s?\\d{2,4}"))]);
        var engine = new DetectionEngine(rules);
        PatternMatcher[] rares = [.. rules.Rules.Take(rare.Length).Select(r => r.Matcher!)];
        PatternMatcher frequent = rules.Rules[^1].Matcher!;

        // The rare patterns take every slot on the one text that holds their literals.
        engine.Scan(new ScanInput(null, string.Join(" and ", rare.Select(w => $"{w} 42")))).Findings.Should().HaveCount(rare.Length);
        int scans = 0;
        while (frequent.Trying && scans < TrialSlots.TurnScans + PatternMatcher.TrialTexts + 10)
        {
            engine.Scan(new ScanInput(null, $"echo {scans % 90 + 10}")).Findings.Should().ContainSingle();
            scans++;
        }

        frequent.Trying.Should().BeFalse("the frequent pattern had its trial once a rare pattern's turn ran out");
        scans.Should().BeGreaterThan(TrialSlots.TurnScans - 2, "it waited for the turn, not for a free slot");
        rares.Count(m => !m.Trying).Should().Be(1, "one rare pattern gave up its slot and kept backtracking, the others still hold theirs");
        rares.Should().OnlyContain(m => !m.Linear);
    }
}
