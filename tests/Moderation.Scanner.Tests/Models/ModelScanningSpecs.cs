using Microsoft.Extensions.DependencyInjection;
using Moderation.Contracts;
using Moderation.Detection;
using Moderation.Learning;
using Moderation.Learning.Corpus;
using Moderation.Scanner.Models;

namespace Moderation.Scanner.Tests.Models;

/// <summary>The scanner scores with the default model beside the rules, and every verdict says so.</summary>
public sealed class ModelScanningSpecs : IAsyncLifetime
{
    private readonly ScannerHarness _scanner = new(withModel: true);

    public Task InitializeAsync() => _scanner.InitializeAsync();

    public Task DisposeAsync() => _scanner.DisposeAsync();

    private string ModelVersion => _scanner.Services.GetRequiredService<ModelProvider>().Active!.Version;

    [Fact]
    public void Without_a_registered_model_the_scanner_uses_the_default_model_trained_from_the_shipped_corpus()
    {
        using var model = ModelCatalog.GetOrTrainDefault(ModelCatalog.DefaultCacheDirectory());

        ModelVersion.Should().Be(model.Metadata.Version);
    }

    [Fact]
    public async Task A_clean_post_is_published_with_the_model_reason_naming_version_and_probability()
    {
        await _scanner.SubmitAsync(ScannerHarness.Post("clean-m", "周末一起去爬香山，记得带水。"));

        var verdict = _scanner.Verdicts("clean-m").Should().ContainSingle().Subject.Verdict;
        verdict.Action.Should().Be(VerdictAction.Publish);
        verdict.ModelVersion.Should().Be(ModelVersion);
        var reason = verdict.Reasons.Should().ContainSingle().Subject;
        reason.Rule.Should().Be("model");
        reason.Field.Should().Be("post");
        reason.Model.Should().Be(ModelVersion);
        reason.Probability.Should().BeLessThan(0.1);
        reason.Weight.Should().BeLessThan(DecisionThresholds.Default.Hold);
        reason.Description.Should().Contain(ModelVersion).And.Contain("base rate");
        verdict.Score.Should().Be(reason.Weight, "no rule fired, so the score is what the model weighs");
    }

    [Fact]
    public async Task Troop_movements_without_any_marking_are_stopped_by_the_model_alone()
    {
        // A held-out family (the model never saw this template) that the rules alone would publish.
        var rules = DetectionEngine.CreateDefault();
        var classifier = _scanner.Services.GetRequiredService<ModelProvider>().Active!;
        var leak = CorpusFile.LoadShipped().First(e => e.Split == CorpusSplits.Test && e.Category == "military-deployment"
            && rules.Scan(new ScanInput(e.Title, e.Body)).Decision == Decision.Publish
            && rules.Scan(new ScanInput(e.Title, e.Body), classifier: classifier).Decision != Decision.Publish);

        await _scanner.SubmitAsync(ScannerHarness.Post("deploy-m", leak.Body, title: leak.Title));

        var verdict = _scanner.Verdicts("deploy-m").Should().ContainSingle().Subject.Verdict;
        var model = verdict.Reasons.Single(r => r.Rule == "model");
        double rulesAlone = rules.Scan(new ScanInput(leak.Title, leak.Body)).Score;
        rulesAlone.Should().BeLessThan(DecisionThresholds.Default.Hold);
        verdict.Score.Should().BeApproximately(1 - ((1 - rulesAlone) * (1 - model.Weight)), 1e-3, "the model's weight lifts the rules' score to hold");
        verdict.Action.Should().NotBe(VerdictAction.Publish);
        (await _scanner.CountAsync(verdict.Action == VerdictAction.Hold ? "review_cases" : "incidents", "deploy-m")).Should().Be(1);
    }

    [Fact]
    public async Task A_marking_and_the_model_together_score_by_noisy_or()
    {
        await _scanner.SubmitAsync(ScannerHarness.Post("marked-m", "大家看看这个：机密★10年 关于明年计划的说明"));

        var verdict = _scanner.Verdicts("marked-m").Should().ContainSingle().Subject.Verdict;
        var marking = verdict.Reasons.Single(r => r.Category == "secrecy-marking");
        var model = verdict.Reasons.Single(r => r.Rule == "model");
        var others = verdict.Reasons.Where(r => r.Rule is not ("model" or "decision") && r.Category != "secrecy-marking").ToList();
        others.Should().BeEmpty("only the marking fires here");
        verdict.Score.Should().BeApproximately(1 - ((1 - marking.Weight) * (1 - model.Weight)), 1e-3);
        verdict.Score.Should().BeGreaterThan(marking.Weight);
    }
}
