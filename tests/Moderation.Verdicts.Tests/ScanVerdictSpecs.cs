using System.Text.Json;
using Moderation.Contracts;
using Moderation.Detection;
using Moderation.Detection.Classification;

namespace Moderation.Verdicts.Tests;

public sealed class ScanVerdictSpecs
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    // Unrounded figures as fusion and context-raising produce them.
    private static readonly ScanResult Result = new(
        0.93750000000000011,
        Decision.Remove,
        [
            new Finding("marking-with-period", RuleCategories.SecrecyMarking, TextField.Body, 0, 6, 0.75, "marking"),
            new Finding("internal", RuleCategories.InternalCirculation, TextField.Title, 2, 4, 0.30000000000000004, "internal", Context: "raised from 0.2 to 0.3 by secrecy-marking 'marking-with-period' at body 0"),
            new Finding("fingerprint:doc", RuleCategories.Fingerprint, TextField.Body, 7, 9, 0.61234567, "passage", Similarity: 0.123456789),
        ],
        "2026.12-4",
        new ModelScore("m-1", 0.876543219, Weight: 0.765432198),
        "Removed: a secrecy marking corroborates it.");

    [Fact]
    public void Every_figure_of_the_verdict_is_rounded_to_four_places()
    {
        var verdict = ScanVerdict.Build(Post(), Result, At);

        verdict.Score.Should().Be(0.9375);
        verdict.Reasons.Select(r => r.Weight).Should().Equal(0.75, 0.3, 0.6123, 0.7654, 0.9375);
        verdict.Reasons[2].Similarity.Should().Be(0.1235);
        verdict.Reasons[3].Probability.Should().Be(0.8765);
        verdict.Action.Should().Be(VerdictAction.Remove);
        verdict.Stage.Should().Be(VerdictStage.Scan);
        verdict.ModelVersion.Should().Be("m-1");
        verdict.DecidedAt.Should().Be(At);
    }

    [Fact]
    public void The_offline_verdict_line_carries_the_reasons_of_the_scanner_verdict_figure_for_figure()
    {
        var verdict = ScanVerdict.Build(Post(), Result, At);

        using var line = JsonDocument.Parse(VerdictJson.Serialize("p1", Result));
        var root = line.RootElement;

        root.GetProperty("action").GetString().Should().Be("remove");
        root.GetProperty("score").GetDouble().Should().Be(verdict.Score);
        var reasons = root.GetProperty("reasons").EnumerateArray().ToList();
        reasons.Select(r => r.GetProperty("rule").GetString()).Should().Equal(verdict.Reasons.Select(r => r.Rule));
        reasons.Select(r => r.GetProperty("field").GetString()).Should().Equal(verdict.Reasons.Select(r => r.Field));
        reasons.Select(r => r.GetProperty("weight").GetDouble()).Should().Equal(verdict.Reasons.Select(r => r.Weight));
        reasons[1].GetProperty("context").GetString().Should().Be(verdict.Reasons[1].Context);
        reasons[2].GetProperty("similarity").GetDouble().Should().Be(verdict.Reasons[2].Similarity);
        reasons[3].GetProperty("probability").GetDouble().Should().Be(verdict.Reasons[3].Probability);
        root.GetProperty("modelVersion").GetString().Should().Be("m-1");
    }

    [Fact]
    public void A_reason_line_names_only_the_fields_it_has_in_a_fixed_order()
    {
        using var line = JsonDocument.Parse(VerdictJson.Serialize("p1", Result));
        var reasons = line.RootElement.GetProperty("reasons").EnumerateArray().ToList();

        reasons[0].EnumerateObject().Select(p => p.Name).Should().Equal("rule", "category", "field", "start", "length", "weight", "description");
        reasons[1].EnumerateObject().Select(p => p.Name).Should().Equal("rule", "category", "field", "start", "length", "weight", "description", "context");
        reasons[3].EnumerateObject().Select(p => p.Name).Should().Equal("rule", "category", "field", "start", "length", "weight", "description", "model", "probability");
        line.RootElement.EnumerateObject().Select(p => p.Name).Should().Equal("id", "action", "score", "reasons", "ruleSetVersion", "modelVersion");
    }

    private static PostSubmitted Post() => new()
    {
        BoardId = "b-1",
        PostId = "p-1",
        Revision = 2,
        Channel = Channel.Bbs,
        AuthorId = "a-1",
        Body = "机密★10年",
        SubmittedAt = At,
    };
}
