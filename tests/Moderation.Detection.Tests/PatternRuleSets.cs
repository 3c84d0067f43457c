using System.Text.Json;

namespace Moderation.Detection.Tests;

/// <summary>A rule set of custom pattern rules only, each of weight 0.5, for tests of how patterns run.</summary>
internal static class PatternRuleSets
{
    public static RuleSet Of(params (string Id, string Pattern)[] rules) => RuleSet.Parse(JsonSerializer.Serialize(new
    {
        version = "t",
        rules = rules.Select(r => new { id = r.Id, category = "custom", kind = "pattern", pattern = r.Pattern, weight = 0.5, description = "d" }),
    }));
}
