using Moderation.Detection;
using Moderation.Detection.Classification;
using Moderation.Learning.Corpus;
using Moderation.Learning.Evaluation;
using Moderation.Learning.Training;

namespace Moderation.Learning.Tests;

/// <summary>A candidate scored in shadow beside the model in use, on the held-out split.</summary>
[Collection(DefaultModelCollection.Name)]
public sealed class ShadowComparisonTests(DefaultModelFixture fixture)
{
    private static readonly DetectionEngine Rules = DetectionEngine.CreateDefault();

    [Fact]
    public void A_model_beside_itself_changes_no_verdict()
    {
        var comparison = ShadowComparison.Compare(fixture.Model, fixture.Model, Rules, fixture.Test, CorpusSplits.Test);

        comparison.Disagreements.Should().BeEmpty();
        comparison.Candidate.Fused.Should().BeEquivalentTo(comparison.Active.Fused);
    }

    [Fact]
    public void Every_post_whose_verdict_the_candidate_would_change_is_listed_with_both_decisions()
    {
        // A weaker candidate: a tenth of the training split.
        using ModerationModel candidate = ModelTrainer.Train(
            [.. fixture.Corpus.Where(e => e.Split == CorpusSplits.Train).Where((_, i) => i % 10 == 0)], FeatureSettings.Default);

        var comparison = ShadowComparison.Compare(fixture.Model, candidate, Rules, fixture.Test, CorpusSplits.Test);

        var thresholds = DecisionThresholds.Default;
        var expected = fixture.Test.Where(e =>
        {
            double rules = Rules.Scan(new ScanInput(e.Title, e.Body)).Score;
            return thresholds.Decide(Fusion.Combine(FusionMethod.NoisyOr, rules, fixture.Model.Predict(e.Title, e.Body)))
                != thresholds.Decide(Fusion.Combine(FusionMethod.NoisyOr, rules, candidate.Predict(e.Title, e.Body)));
        }).Select(e => e.Id);
        comparison.Disagreements.Select(d => d.Id).Should().Equal(expected);
        comparison.Disagreements.Should().NotBeEmpty("a model trained on a tenth of the data decides some posts otherwise");
        comparison.Disagreements.Should().OnlyContain(d => d.ActiveDecision != d.CandidateDecision);
        comparison.Candidate.ModelVersion.Should().Be(candidate.Metadata.Version);
        comparison.Summary().Should().Contain(candidate.Metadata.Version).And.Contain($"verdicts that would change: {comparison.Disagreements.Count} of {fixture.Test.Count}");

        string directory = Directory.CreateTempSubdirectory("moderation-shadow-").FullName;
        try
        {
            comparison.WriteDirectory(directory);
            File.ReadAllLines(Path.Combine(directory, "shadow.jsonl")).Should().HaveCount(comparison.Disagreements.Count);
            File.ReadAllText(Path.Combine(directory, "shadow.md")).Should().Contain(comparison.Disagreements[0].Id);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void A_change_is_better_when_the_candidate_gets_the_label_right_and_the_model_in_use_did_not()
    {
        new ShadowDisagreement("a", "military-deployment", CorpusLabels.Secret, 0, 0.1, 0.7, Decision.Publish, Decision.Hold).Effect.Should().Be("Better");
        new ShadowDisagreement("b", "forum-talk", CorpusLabels.Clean, 0, 0.7, 0.1, Decision.Hold, Decision.Publish).Effect.Should().Be("Better");
        new ShadowDisagreement("c", "forum-talk", CorpusLabels.Clean, 0, 0.1, 0.7, Decision.Publish, Decision.Hold).Effect.Should().Be("Worse");
        new ShadowDisagreement("d", "evasion", CorpusLabels.Secret, 0.75, 0.7, 0.3, Decision.Remove, Decision.Hold).Effect.Should().Be("Same");
    }
}
