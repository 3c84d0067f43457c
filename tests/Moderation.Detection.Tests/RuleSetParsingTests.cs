namespace Moderation.Detection.Tests;

public class RuleSetParsingTests
{
    private const string ValidRule = """
        { "id": "custom-1", "category": "custom", "kind": "terms", "terms": ["红色文件夹"], "weight": 0.6, "description": "Department list" }
        """;

    private static string SetWith(string rule) => $$"""{ "version": "test-1", "rules": [ {{ValidRule}}, {{rule}} ] }""";

    private static RuleSetException Rejected(string json)
    {
        Action parse = () => RuleSet.Parse(json);
        return parse.Should().Throw<RuleSetException>().Which;
    }

    [Fact]
    public void The_default_rule_set_loads_with_its_version()
    {
        RuleSet rules = RuleSet.LoadDefault();
        string written = System.Text.Json.JsonDocument.Parse(File.ReadAllText(DefaultEngine.RulesFile())).RootElement.GetProperty("version").GetString()!;

        written.Should().MatchRegex(@"^\d{4}\.\d{2}-\d+$");
        rules.Version.Should().Be(written);
        rules.Rules.Should().NotBeEmpty().And.OnlyHaveUniqueItems(r => r.Id);
        DetectionEngine.CreateDefault().RuleSetVersion.Should().Be(written);
    }

    [Fact]
    public void A_custom_rule_set_drives_the_engine()
    {
        RuleSet rules = RuleSet.Parse(SetWith("""
            { "id": "custom-code", "category": "custom", "kind": "pattern", "pattern": "project-\\d{3}", "weight": 0.95, "description": "Code name" }
            """));
        var engine = new DetectionEngine(rules, DecisionThresholds.Default);

        ScanResult result = engine.Scan(new ScanInput("红 色 文 件 夹", "see PROJECT-042"));

        engine.RuleSetVersion.Should().Be("test-1");
        result.Findings.Select(f => (f.RuleId, f.Field, f.Start, f.Length)).Should().Equal(
            ("custom-1", TextField.Title, 0, 9), ("custom-code", TextField.Body, 4, 11));
        result.Decision.Should().Be(Decision.Hold, "a custom rule does not corroborate a removal unless the rule set's policy says so");
        result.Basis.Should().StartWith("Held, not removed");

        RuleSet corroborating = RuleSet.Parse(SetWith("""
            { "id": "custom-code", "category": "custom", "kind": "pattern", "pattern": "project-\\d{3}", "weight": 0.95, "description": "Code name" }
            """).Replace("\"rules\"", "\"policy\": { \"removeRequires\": { \"corroboratingCategories\": [\"custom\", \"secrecy-marking\"] } }, \"rules\""));
        new DetectionEngine(corroborating).Scan(new ScanInput(null, "see PROJECT-042")).Decision.Should().Be(Decision.Remove);
    }

    [Fact]
    public void Rules_expose_what_was_written()
    {
        Rule rule = RuleSet.Parse(SetWith("""
            { "id": "doc", "category": "document-number", "kind": "pattern", "pattern": "x\\d+号", "weight": 0.2, "description": "d",
              "context": { "categories": ["custom"], "window": 50, "weight": 0.9 } }
            """)).Rules[1];

        rule.Should().BeEquivalentTo(new
        {
            Id = "doc", Category = "document-number", Kind = RuleKind.Pattern, Pattern = "x\\d+号", Weight = 0.2,
            Terms = Array.Empty<string>(), Context = new { Categories = new[] { "custom" }, Window = 50, Weight = 0.9 },
        });
    }

    [Fact]
    public void A_pattern_that_does_not_compile_names_the_rule()
    {
        RuleSetException error = Rejected(SetWith("""
            { "id": "doc-number-1", "category": "document-number", "kind": "pattern", "pattern": "发〔(2024", "weight": 0.2, "description": "d" }
            """));

        error.RuleId.Should().Be("doc-number-1");
        error.Message.Should().StartWith("Rule 'doc-number-1': pattern does not compile: ");
    }

    [Fact]
    public void A_pattern_the_non_backtracking_engine_cannot_run_names_the_rule()
    {
        RuleSetException error = Rejected(SetWith("""
            { "id": "lookahead", "category": "custom", "kind": "pattern", "pattern": "机密(?=★)", "weight": 0.5, "description": "d" }
            """));

        error.RuleId.Should().Be("lookahead");
        error.Message.Should().StartWith("Rule 'lookahead': pattern does not compile: ");
    }

    [Theory]
    [InlineData("""{ "id": "r", "category": "custom", "kind": "pattern", "pattern": "a*", "weight": 0.5, "description": "d" }""", "matches the empty string")]
    [InlineData("""{ "id": "r", "category": "custom", "kind": "pattern", "pattern": "密级：", "weight": 0.5, "description": "d" }""", "write ':' instead")]
    [InlineData("""{ "id": "r", "category": "secret", "kind": "terms", "terms": ["x"], "weight": 0.5, "description": "d" }""", "unknown category 'secret'")]
    [InlineData("""{ "id": "r", "category": "custom", "kind": "regex", "terms": ["x"], "weight": 0.5, "description": "d" }""", "unknown kind 'regex'")]
    [InlineData("""{ "id": "r", "category": "custom", "kind": "terms", "terms": ["x"], "weight": 0, "description": "d" }""", "'weight' must be a number greater than 0 and at most 1")]
    [InlineData("""{ "id": "r", "category": "custom", "kind": "terms", "terms": ["x"], "weight": 1.5, "description": "d" }""", "'weight' must be")]
    [InlineData("""{ "id": "r", "category": "custom", "kind": "terms", "terms": [], "weight": 0.5, "description": "d" }""", "'terms' must be a non-empty array")]
    [InlineData("""{ "id": "r", "category": "custom", "kind": "terms", "terms": ["\u200B"], "weight": 0.5, "description": "d" }""", "empty after normalisation")]
    [InlineData("""{ "id": "r", "category": "custom", "kind": "terms", "terms": ["x"], "pattern": "x", "weight": 0.5, "description": "d" }""", "'pattern' belongs to rules of kind 'pattern'")]
    [InlineData("""{ "id": "r", "category": "custom", "kind": "terms", "terms": ["x"], "weight": 0.5 }""", "'description' must be a non-empty string")]
    [InlineData("""{ "id": "r", "category": "custom", "kind": "terms", "terms": ["x"], "wieght": 0.5, "description": "d" }""", "unknown property 'wieght'")]
    [InlineData("""{ "id": "r", "category": "custom", "kind": "terms", "terms": ["x"], "weight": 0.5, "description": "d", "context": { "categories": ["custom"], "window": 10, "weight": 0.9 } }""", "must not include the rule's own category")]
    [InlineData("""{ "id": "r", "category": "custom", "kind": "terms", "terms": ["x"], "weight": 0.5, "description": "d", "context": { "categories": ["military"], "window": -1, "weight": 0.9 } }""", "'context.window' must be")]
    [InlineData("""{ "id": "custom-1", "category": "custom", "kind": "terms", "terms": ["x"], "weight": 0.5, "description": "d" }""", "used by an earlier rule")]
    public void An_invalid_rule_is_rejected_with_its_id_and_the_reason(string rule, string reason)
    {
        RuleSetException error = Rejected(SetWith(rule));

        error.RuleId.Should().Be(rule.Contains("custom-1", StringComparison.Ordinal) ? "custom-1" : "r");
        error.Message.Should().StartWith($"Rule '{error.RuleId}': ").And.Contain(reason);
    }

    [Fact]
    public void A_rule_without_a_usable_id_is_named_by_its_position()
    {
        RuleSetException error = Rejected(SetWith("""{ "id": 7, "category": "custom" }"""));

        error.RuleId.Should().BeNull();
        error.Message.Should().Be("Rule at index 1: 'id' must be a string.");
    }

    [Theory]
    [InlineData("{ not json", "Rule set is not valid JSON")]
    [InlineData("[]", "must be a JSON object")]
    [InlineData("""{ "rules": [] }""", "'version' must be a non-empty string")]
    [InlineData("""{ "version": "1", "rules": [] }""", "'rules' is empty")]
    [InlineData("""{ "version": "1" }""", "'rules' must be an array")]
    public void An_invalid_rule_set_is_rejected_with_the_reason(string json, string reason)
    {
        RuleSetException error = Rejected(json);

        error.RuleId.Should().BeNull();
        error.Message.Should().Contain(reason);
    }
}
