using Moderation.Learning.Evaluation;

namespace Moderation.Learning.Tests;

/// <summary>
/// The targets, asserted against the default model really trained on the shipped training split and
/// measured on the test split, whose template families it never saw.
/// </summary>
[Collection(DefaultModelCollection.Name)]
public sealed class EvaluationTargetTests(DefaultModelFixture fixture)
{
    private EvaluationReport Report => fixture.Report;

    [Fact]
    public void The_model_alone_ranks_leaks_above_clean_posts() => Report.Model.RocAuc.Should().BeGreaterThanOrEqualTo(0.98);

    /// <remarks>
    /// 0.97 before the model was calibrated to a forum's base rate (one leak in a thousand posts): the
    /// model alone then held whatever sounded like the generator's leaks, which on posts written by
    /// other people held one clean post in eight. Calibrated, it holds only when it is sure, and the
    /// generated split's recall is 0.93; the figures that matter are on the hand-written yardstick (README).
    /// </remarks>
    [Fact]
    public void Rules_and_model_together_catch_at_least_92_percent_of_generated_leaks_at_the_forum_base_rate() =>
        Report.Fused.AtHold.Recall.Should().BeGreaterThanOrEqualTo(0.92);

    [Fact]
    public void No_clean_post_of_the_test_split_is_removed() =>
        Report.Fused.AtRemove.FalsePositives.Should().Be(0);

    [Fact]
    public void Rules_and_model_together_flag_at_most_1_percent_of_clean_posts() =>
        Report.Fused.AtHold.FalsePositiveRate.Should().BeLessThanOrEqualTo(0.01);

    [Fact]
    public void Rules_and_model_together_flag_at_most_3_percent_of_near_misses() =>
        Report.Fused.AtHold.NearMissFalsePositiveRate.Should().BeLessThanOrEqualTo(0.03);

    [Fact]
    public void The_model_adds_recall_to_the_rules() =>
        Report.Fused.AtHold.Recall.Should().BeGreaterThan(Report.Rules.AtHold.Recall);

    [Fact]
    public void The_model_file_carries_its_test_figures()
    {
        fixture.Model.Metadata.Metrics.Should().NotBeNull();
        fixture.Model.Metadata.Metrics!.RocAuc.Should().BeApproximately(Report.Model.RocAuc, 1e-5);
        fixture.Model.Metadata.Metrics.Examples.Should().Be(fixture.Test.Count);
    }

    [Fact]
    public void Every_category_is_reported_for_every_system() =>
        Report.Systems.Should().OnlyContain(s => s.Categories.Sum(c => c.Examples) == Report.Examples);
}
