using System.Globalization;
using System.Net;
using System.Text;

namespace Moderation.Cli.Load;

/// <summary>One second of the run: when it starts (seconds after the first publish) and the latencies of the verdicts to posts published in it.</summary>
public sealed record TimelinePoint(int Second, int Published, int Verdicts, double P50, double P99, double Max);

/// <summary>
/// Publish-to-verdict latency over the run as a self-contained SVG (no script, no external font):
/// p50, p99 and max per second of publishing, on a linear millisecond axis, with the run's title.
/// </summary>
public static class LatencyChart
{
    private const int Width = 900;
    private const int Height = 420;
    private const int Left = 70;
    private const int Right = 20;
    private const int Top = 40;
    private const int Bottom = 50;

    public static readonly IReadOnlyList<(string Name, string Colour, Func<TimelinePoint, double> Value)> Series =
    [
        ("max", "#d62728", p => p.Max),
        ("p99", "#ff7f0e", p => p.P99),
        ("p50", "#1f77b4", p => p.P50),
    ];

    public static string Render(IReadOnlyList<TimelinePoint> timeline, string title)
    {
        var points = timeline.Where(p => p.Verdicts > 0).ToList();
        var lastSecond = Math.Max(1, timeline.Count == 0 ? 1 : timeline.Max(p => p.Second) + 1);
        var top = NiceCeiling(points.Count == 0 ? 1 : points.Max(p => p.Max));
        double X(double second) => Left + (second / lastSecond * (Width - Left - Right));
        double Y(double ms) => Height - Bottom - (ms / top * (Height - Top - Bottom));

        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"sans-serif\" font-size=\"12\">\n"));
        svg.Append(Invariant($"<rect width=\"{Width}\" height=\"{Height}\" fill=\"white\"/>\n"));
        svg.Append(Invariant($"<text x=\"{Left}\" y=\"22\" font-size=\"14\">{WebUtility.HtmlEncode(title)}</text>\n"));
        for (var i = 0; i <= 5; i++)
        {
            var ms = top * i / 5;
            svg.Append(Invariant($"<line x1=\"{Left}\" y1=\"{Y(ms):0.#}\" x2=\"{Width - Right}\" y2=\"{Y(ms):0.#}\" stroke=\"#ddd\"/>"));
            svg.Append(Invariant($"<text x=\"{Left - 6}\" y=\"{Y(ms) + 4:0.#}\" text-anchor=\"end\">{ms:0.##}</text>\n"));
        }

        for (var i = 0; i <= 5; i++)
        {
            var second = lastSecond * i / 5.0;
            svg.Append(Invariant($"<text x=\"{X(second):0.#}\" y=\"{Height - Bottom + 18}\" text-anchor=\"middle\">{second:0.#}</text>\n"));
        }

        svg.Append(Invariant($"<text x=\"{(Left + Width - Right) / 2}\" y=\"{Height - 10}\" text-anchor=\"middle\">seconds since the first publish (by publish time)</text>\n"));
        svg.Append(Invariant($"<text x=\"16\" y=\"{(Top + Height - Bottom) / 2}\" text-anchor=\"middle\" transform=\"rotate(-90 16 {(Top + Height - Bottom) / 2})\">publish to verdict, ms</text>\n"));
        svg.Append(Invariant($"<line x1=\"{Left}\" y1=\"{Height - Bottom}\" x2=\"{Width - Right}\" y2=\"{Height - Bottom}\" stroke=\"black\"/><line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Height - Bottom}\" stroke=\"black\"/>\n"));
        for (var s = 0; s < Series.Count; s++)
        {
            var (name, colour, value) = Series[s];
            if (points.Count > 0)
            {
                var path = string.Join(" ", points.Select(p => Invariant($"{X(p.Second + 0.5):0.#},{Y(value(p)):0.#}")));
                svg.Append(Invariant($"<polyline class=\"{name}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.5\" points=\"{path}\"/>\n"));
            }

            svg.Append(Invariant($"<rect x=\"{Width - Right - 190 + s * 62}\" y=\"10\" width=\"12\" height=\"12\" fill=\"{colour}\"/><text x=\"{Width - Right - 174 + s * 62}\" y=\"21\">{name}</text>\n"));
        }

        svg.Append("</svg>\n");
        return svg.ToString();
    }

    /// <summary>The next round figure (1, 2 or 5 times a power of ten) at or above the value, so gridlines fall on round numbers.</summary>
    public static double NiceCeiling(double value)
    {
        if (value <= 0)
        {
            return 1;
        }

        var power = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var step in new[] { 1.0, 2, 5, 10 })
        {
            if (step * power >= value)
            {
                return step * power;
            }
        }

        return 10 * power;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
