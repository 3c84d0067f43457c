using Moderation.Cli.Load;

namespace Moderation.Cli.Tests.Load;

public sealed class LatencyStatsTests
{
    [Fact]
    public void Percentiles_are_measured_values_by_nearest_rank()
    {
        var stats = LatencyStats.Of(Enumerable.Range(1, 100).Select(i => (double)(101 - i)));

        stats.Should().Be(new LatencyStats(100, 50, 95, 99, 100, 50.5));
    }

    [Fact]
    public void With_few_values_the_high_percentiles_are_the_largest_one()
    {
        var stats = LatencyStats.Of([3.5, 1.25, 12]);

        (stats.P50, stats.P95, stats.P99, stats.Max).Should().Be((3.5, 12.0, 12.0, 12.0));
    }

    [Theory]
    [InlineData(50, 500)]
    [InlineData(99, 990)]
    [InlineData(99.9, 999)]
    [InlineData(100, 1000)]
    [InlineData(0.05, 1)]
    public void A_percentile_is_the_smallest_value_with_that_share_at_or_below_it(double percent, double expected)
    {
        var sorted = Enumerable.Range(1, 1000).Select(i => (double)i).ToList();

        LatencyStats.Percentile(sorted, percent).Should().Be(expected);
    }

    [Fact]
    public void No_values_give_zeros_rather_than_an_error()
    {
        LatencyStats.Of([]).Should().Be(LatencyStats.Empty);
    }
}
