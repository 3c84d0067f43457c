using Moderation.Detection;
using Moderation.Verdicts.Divisions;

namespace Moderation.Detection.Tests;

public sealed class RuleScopeAndExplanationTests
{
    private const string ScopedSet = """
        {
          "version": "scoped-1",
          "rules": [
            { "id": "beijing-project", "category": "custom", "kind": "terms", "terms": ["长城工程"], "weight": 0.6,
              "description": "Beijing department's project name", "scope": "110000" },
            { "id": "chaoyang-site", "category": "custom", "kind": "terms", "terms": ["东坝基地"], "weight": 0.6,
              "description": "Chaoyang site", "scope": "110105" },
            { "id": "everywhere", "category": "internal-circulation", "kind": "terms", "terms": ["内部资料"], "weight": 0.3,
              "description": "Restricted-distribution phrase",
              "context": { "categories": ["custom"], "window": 20, "weight": 0.8 } }
          ]
        }
        """;

    private static readonly DetectionEngine Engine = new(RuleSet.Parse(ScopedSet), DecisionThresholds.Default);

    [Theory]
    [InlineData("110105", true, true)]   // Chaoyang: inside Beijing and the site's own county
    [InlineData("110108", true, false)]  // Haidian: inside Beijing, not Chaoyang
    [InlineData("310101", false, false)] // Shanghai
    [InlineData(null, false, false)]     // no area known: global rules only
    public void A_department_rule_applies_only_to_boards_in_its_area(string? division, bool province, bool county)
    {
        var result = Engine.Scan(new ScanInput(null, "长城工程 东坝基地", DivisionCode.AreasOf(division)));

        result.Findings.Any(f => f.RuleId == "beijing-project").Should().Be(province);
        result.Findings.Any(f => f.RuleId == "chaoyang-site").Should().Be(county);
    }

    [Fact]
    public void A_rule_scoped_to_the_central_level_applies_to_every_board()
    {
        var engine = new DetectionEngine(RuleSet.Parse("""
            {"version":"central-1","rules":[{"id":"national","category":"custom","kind":"terms","terms":["长城工程"],"weight":0.6,"description":"d","scope":"100000"}]}
            """), DecisionThresholds.Default);

        engine.Scan(new ScanInput(null, "长城工程", DivisionCode.AreasOf("650102"))).Findings.Should().ContainSingle(f => f.RuleId == "national");
        engine.Scan(new ScanInput(null, "长城工程")).Findings.Should().BeEmpty("a board of no known area gets global rules only");
    }

    [Fact]
    public void Global_rules_apply_everywhere() =>
        Engine.Scan(new ScanInput(null, "内部资料", DivisionCode.AreasOf("650102"))).Findings.Should().ContainSingle(f => f.RuleId == "everywhere");

    [Fact]
    public void A_finding_whose_weight_a_neighbour_changed_says_which_rule_and_where()
    {
        var result = Engine.Scan(new ScanInput(null, "长城工程的内部资料", DivisionCode.AreasOf("110105")));

        var raised = result.Findings.Single(f => f.RuleId == "everywhere");
        raised.Weight.Should().Be(0.8);
        raised.Context.Should().Be("raised from 0.3 to 0.8 by custom 'beijing-project' at body 0");
        result.Findings.Single(f => f.RuleId == "beijing-project").Context.Should().BeNull();
    }

    [Fact]
    public void A_rule_scoped_outside_its_area_does_not_raise_others()
    {
        var result = Engine.Scan(new ScanInput(null, "长城工程的内部资料", DivisionCode.AreasOf("310101")));

        result.Findings.Should().ContainSingle().Which.Should().Match<Finding>(f => f.RuleId == "everywhere" && f.Context == null);
    }

    [Theory]
    [InlineData("\"beijing\"")]
    [InlineData("\"11000\"")]
    [InlineData("110000")]
    public void A_scope_that_is_not_a_division_code_is_refused_naming_the_rule(string scope)
    {
        var json = $$"""{"version":"v","rules":[{"id":"r-1","category":"custom","kind":"terms","terms":["x"],"weight":0.5,"description":"d","scope":{{scope}}}]}""";

        var parse = () => RuleSet.Parse(json);

        parse.Should().Throw<RuleSetException>().Where(e => e.RuleId == "r-1" && e.Message.Contains("six-digit"));
    }
}
