using System.Globalization;
using System.Xml.Linq;
using Moderation.Cli.Load;

namespace Moderation.Cli.Tests.Load;

public sealed class LatencyChartTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void The_chart_is_an_svg_with_one_line_per_series_through_every_second_that_had_verdicts()
    {
        TimelinePoint[] timeline =
        [
            new(0, 300, 300, 10, 40, 55),
            new(1, 300, 300, 12, 80, 130),
            new(2, 0, 0, 0, 0, 0),
            new(3, 300, 290, 9, 30, 31),
        ];

        var document = XDocument.Parse(LatencyChart.Render(timeline, "20,000 posts <AMQP> & more"));

        document.Root!.Name.Should().Be(Svg + "svg");
        var lines = document.Descendants(Svg + "polyline").ToDictionary(l => (string)l.Attribute("class")!, l => Points((string)l.Attribute("points")!));
        lines.Keys.Should().BeEquivalentTo(["p50", "p99", "max"]);
        lines.Values.Should().OnlyContain(points => points.Count == 3, "the second without verdicts is left out");
        var baseline = lines["max"].Max(p => p.Y);
        lines["max"][1].Y.Should().BeLessThan(lines["p99"][1].Y, "a higher latency is drawn higher");
        lines["p99"][1].Y.Should().BeLessThan(lines["p50"][1].Y);
        lines["p50"].Select(p => p.X).Should().BeInAscendingOrder();
        baseline.Should().BeLessThanOrEqualTo(420);
        document.Descendants(Svg + "text").Select(t => t.Value).Should().Contain("20,000 posts <AMQP> & more").And.Contain("200", "the axis tops out at the next round figure above the 130 ms maximum");
    }

    [Fact]
    public void An_empty_run_still_makes_a_readable_chart()
    {
        var document = XDocument.Parse(LatencyChart.Render([], "nothing"));

        document.Descendants(Svg + "polyline").Should().BeEmpty();
        document.Descendants(Svg + "text").Should().NotBeEmpty();
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(0.7, 1)]
    [InlineData(1, 1)]
    [InlineData(1.2, 2)]
    [InlineData(130, 200)]
    [InlineData(450, 500)]
    [InlineData(501, 1000)]
    public void The_axis_ends_at_a_round_figure(double max, double expected)
    {
        LatencyChart.NiceCeiling(max).Should().Be(expected);
    }

    private static List<(double X, double Y)> Points(string points) =>
        [.. points.Split(' ').Select(p => p.Split(',')).Select(p => (double.Parse(p[0], CultureInfo.InvariantCulture), double.Parse(p[1], CultureInfo.InvariantCulture)))];
}
