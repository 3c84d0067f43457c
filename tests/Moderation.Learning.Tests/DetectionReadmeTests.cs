using System.Globalization;
using System.Text.RegularExpressions;
using FluentAssertions;
using Moderation.Detection;
using Xunit;

namespace Moderation.Learning.Tests;

/// <summary>
/// The detection README's table of default rules is what operators tune from; it must say what the
/// shipped rule set does, rule by rule, or it misleads the department that adjusts a weight.
/// </summary>
public sealed partial class DetectionReadmeTests
{
    [Fact]
    public void The_readme_lists_every_default_rule_with_its_category_and_weights()
    {
        string readme = File.ReadAllText(RepositoryFiles.PathOf("shared", "Moderation.Detection", "README.md"));
        var documented = RuleRow().Matches(readme).ToDictionary(
            m => m.Groups["id"].Value,
            m => (m.Groups["category"].Value, Weight: Parse(m.Groups["weight"].Value), Context: m.Groups["context"].Value.Length == 0 ? (double?)null : Parse(m.Groups["context"].Value)));

        RuleSet rules = RuleSet.LoadDefault();
        readme.Should().Contain($"version `{rules.Version}`", "the table names the rule set version it describes");
        documented.Keys.Should().BeEquivalentTo(rules.Rules.Select(r => r.Id));
        foreach (Rule rule in rules.Rules)
        {
            documented[rule.Id].Should().Be((rule.Category, rule.Weight, rule.Context?.Weight), $"the README row of '{rule.Id}'");
        }
    }

    private static double Parse(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\| `(?<id>[a-z0-9-]+)` \| (?<category>[a-z-]+) \| (?<weight>[0-9.]+) \| (?<context>[0-9.]*) ?\|", RegexOptions.Multiline)]
    private static partial Regex RuleRow();
}
