using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;

namespace Moderation.Api.Dashboard;

/// <summary>
/// Small server-side SVG charts: no script, no styles inline (classes from site.css), every label
/// HTML-encoded. Built to be read at a glance: few gridlines, labelled axes, the values that matter written on.
/// </summary>
public static class SvgCharts
{
    private const double Width = 560;
    private const double Height = 220;
    private const double Left = 44;
    private const double Right = 12;
    private const double Top = 14;
    private const double Bottom = 34;

    private static double PlotWidth => Width - Left - Right;

    private static double PlotHeight => Height - Top - Bottom;

    /// <summary>An area chart of a series over time, labelled every few points.</summary>
    public static IHtmlContent Area(string title, IReadOnlyList<long> values, IReadOnlyList<string> labels)
    {
        var svg = Begin(title);
        var max = Nice(values.DefaultIfEmpty(0).Max());
        Grid(svg, max);
        if (values.Count > 0)
        {
            var step = values.Count > 1 ? PlotWidth / (values.Count - 1) : 0;
            var points = values.Select((v, i) => (X: Left + (i * step), Y: Y(v, max))).ToList();
            var line = string.Join(" ", points.Select(p => $"{F(p.X)},{F(p.Y)}"));
            svg.Append(CultureInfo.InvariantCulture, $"<polygon class=\"area\" points=\"{F(Left)},{F(Top + PlotHeight)} {line} {F(points[^1].X)},{F(Top + PlotHeight)}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<polyline class=\"line\" points=\"{line}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"value\" x=\"{F(points[^1].X - 4)}\" y=\"{F(points[^1].Y - 6)}\" text-anchor=\"end\">{values[^1]:N0} now</text>");
            XLabels(svg, labels, i => Left + (i * step));
        }

        return End(svg);
    }

    /// <summary>Stacked bars, one per label, with a legend.</summary>
    public static IHtmlContent StackedBars(string title, IReadOnlyList<string> labels, IReadOnlyList<(string Name, string Class, IReadOnlyList<long> Values)> series)
    {
        var svg = Begin(title);
        var totals = labels.Select((_, i) => series.Sum(s => s.Values[i])).ToList();
        var max = Nice(totals.DefaultIfEmpty(0).Max());
        Grid(svg, max);
        var slot = labels.Count == 0 ? 0 : PlotWidth / labels.Count;
        for (var i = 0; i < labels.Count; i++)
        {
            double stacked = 0;
            foreach (var (name, cssClass, values) in series)
            {
                if (values[i] == 0)
                {
                    continue;
                }

                var y = Y(stacked + values[i], max);
                var height = Y(stacked, max) - y;
                svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"{cssClass}\" x=\"{F(Left + (i * slot) + (slot * 0.15))}\" y=\"{F(y)}\" width=\"{F(slot * 0.7)}\" height=\"{F(height)}\"><title>{E(labels[i])}: {values[i]} {E(name)}</title></rect>");
                stacked += values[i];
            }

            if (totals[i] > 0)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<text class=\"value\" x=\"{F(Left + (i * slot) + (slot / 2))}\" y=\"{F(Y(totals[i], max) - 3)}\" text-anchor=\"middle\">{totals[i]}</text>");
            }
        }

        XLabels(svg, labels, i => Left + (i * slot) + (slot / 2));
        var legendX = Left;
        foreach (var (name, cssClass, _) in series)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"{cssClass}\" x=\"{F(legendX)}\" y=\"2\" width=\"10\" height=\"10\"/><text x=\"{F(legendX + 14)}\" y=\"11\">{E(name)}</text>");
            legendX += 24 + (name.Length * 6.5);
        }

        return End(svg);
    }

    /// <summary>A histogram; bars from <paramref name="lateFrom"/> on are drawn as late, with a dashed marker line before them.</summary>
    public static IHtmlContent Histogram(string title, IReadOnlyList<string> labels, IReadOnlyList<long> values, int? lateFrom = null, string? markerLabel = null)
    {
        var svg = Begin(title);
        var max = Nice(values.DefaultIfEmpty(0).Max());
        Grid(svg, max);
        var slot = labels.Count == 0 ? 0 : PlotWidth / labels.Count;
        for (var i = 0; i < values.Count; i++)
        {
            var y = Y(values[i], max);
            var late = lateFrom is { } from && i >= from;
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"bin{(late ? " late" : "")}\" x=\"{F(Left + (i * slot) + (slot * 0.1))}\" y=\"{F(y)}\" width=\"{F(slot * 0.8)}\" height=\"{F(Top + PlotHeight - y)}\"><title>{E(labels[i])}: {values[i]}</title></rect>");
            if (values[i] > 0)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<text class=\"value\" x=\"{F(Left + (i * slot) + (slot / 2))}\" y=\"{F(y - 3)}\" text-anchor=\"middle\">{values[i]}</text>");
            }
        }

        if (lateFrom is { } marker)
        {
            var x = Left + (marker * slot);
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"sla\" x1=\"{F(x)}\" x2=\"{F(x)}\" y1=\"{F(Top)}\" y2=\"{F(Top + PlotHeight)}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(x + 4)}\" y=\"{F(Top + 10)}\">{E(markerLabel ?? "")}</text>");
        }

        XLabels(svg, labels, i => Left + (i * slot) + (slot / 2), every: 1);
        return End(svg);
    }

    private static StringBuilder Begin(string title)
    {
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{E(title)}\" xmlns=\"http://www.w3.org/2000/svg\"><title>{E(title)}</title>");
        return svg;
    }

    private static HtmlString End(StringBuilder svg) => new(svg.Append("</svg>").ToString());

    private static void Grid(StringBuilder svg, double max)
    {
        svg.Append("<g class=\"grid\">");
        for (var i = 0; i <= 4; i++)
        {
            var value = max * i / 4;
            var y = Y(value, max);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{F(Left)}\" x2=\"{F(Width - Right)}\" y1=\"{F(y)}\" y2=\"{F(y)}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(Left - 6)}\" y=\"{F(y + 4)}\" text-anchor=\"end\">{value:0.#}</text>");
        }

        svg.Append("</g>");
        svg.Append(CultureInfo.InvariantCulture, $"<g class=\"axis\"><line x1=\"{F(Left)}\" x2=\"{F(Width - Right)}\" y1=\"{F(Top + PlotHeight)}\" y2=\"{F(Top + PlotHeight)}\"/></g>");
    }

    private static void XLabels(StringBuilder svg, IReadOnlyList<string> labels, Func<int, double> x, int? every = null)
    {
        var stride = every ?? Math.Max(1, (int)Math.Ceiling(labels.Count / 7.0));
        for (var i = 0; i < labels.Count; i += stride)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(x(i))}\" y=\"{F(Height - 12)}\" text-anchor=\"middle\">{E(labels[i])}</text>");
        }
    }

    private static double Y(double value, double max) => Top + PlotHeight - (max <= 0 ? 0 : value / max * PlotHeight);

    /// <summary>A round upper bound for the axis, so gridlines fall on readable numbers.</summary>
    private static double Nice(double max)
    {
        if (max <= 4)
        {
            return 4;
        }

        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(max)));
        foreach (var step in new[] { 1, 2, 2.5, 5, 10 })
        {
            if (step * magnitude >= max)
            {
                return step * magnitude;
            }
        }

        return 10 * magnitude;
    }

    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
