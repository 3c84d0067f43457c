using Moderation.Learning.Corpus;
using Moderation.Learning.Evaluation;

namespace Moderation.Learning.Tests;

public sealed class MetricsTests
{
    private static readonly CorpusExample[] Examples =
    [
        Example("s1", secret: true, "secrecy-marking"),
        Example("s2", secret: true, "chat-leak"),
        Example("c1", secret: false, "forum-talk"),
        Example("c2", secret: false, "near-miss-trade-secret"),
    ];

    [Fact]
    public void Roc_auc_counts_ties_as_half() =>
        SystemReport.AreaUnderRoc(Examples, [0.9, 0.5, 0.5, 0.1]).Should().Be(0.875);

    [Fact]
    public void An_operating_point_counts_at_or_above_the_threshold()
    {
        OperatingPoint point = SystemReport.At(0.5, Examples, [0.9, 0.4, 0.5, 0.1]);

        (point.TruePositives, point.FalseNegatives, point.FalsePositives, point.TrueNegatives).Should().Be((1, 1, 1, 1));
        point.Precision.Should().Be(0.5);
        point.Recall.Should().Be(0.5);
        point.FalsePositiveRate.Should().Be(0.5);
        point.NearMissFalsePositiveRate.Should().Be(0);
    }

    [Theory]
    [InlineData(FusionMethod.NoisyOr, 0.5, 0.5, 0.75)]
    [InlineData(FusionMethod.NoisyOr, 0, 0.3, 0.3)]
    [InlineData(FusionMethod.Max, 0.5, 0.7, 0.7)]
    public void Fusion_combines_rule_score_and_probability(FusionMethod method, double rules, double model, double expected) =>
        Fusion.Combine(method, rules, model).Should().BeApproximately(expected, 1e-12);

    private static CorpusExample Example(string id, bool secret, string category) =>
        new(id, null, id, secret ? CorpusLabels.Secret : CorpusLabels.Clean, category, id, CorpusSplits.Test);
}
