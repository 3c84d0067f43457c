using System.Globalization;
using System.Net;
using System.Text;

namespace Moderation.Learning.Evaluation;

/// <summary>A precision-recall chart of every system in a report, as a standalone SVG a browser opens.</summary>
public static class PrecisionRecallSvg
{
    private const int Width = 640;
    private const int Height = 480;
    private const int Left = 60;
    private const int Top = 40;
    private const int PlotWidth = 520;
    private const int PlotHeight = 360;

    private static readonly string[] Colours = ["#d62728", "#1f77b4", "#2ca02c", "#9467bd"];

    public static string Render(EvaluationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var svg = new StringBuilder();
        svg.Append(Invariant($"""<svg xmlns="http://www.w3.org/2000/svg" width="{Width}" height="{Height}" viewBox="0 0 {Width} {Height}" font-family="sans-serif" font-size="12">"""))
            .Append('\n');
        svg.Append(Invariant($"""  <rect x="0" y="0" width="{Width}" height="{Height}" fill="white"/>""")).Append('\n');
        svg.Append(Invariant($"""  <text x="{Width / 2}" y="22" text-anchor="middle" font-size="14">{Escape($"Precision-recall, {report.Split} split ({report.Examples} posts, {report.SecretExamples} leaks)")}</text>""")).Append('\n');

        // Grid and axes: both run 0 to 1.
        for (int tick = 0; tick <= 10; tick++)
        {
            double v = tick / 10.0;
            double x = X(v);
            double y = Y(v);
            svg.Append(Invariant($"""  <line x1="{x:F1}" y1="{Top}" x2="{x:F1}" y2="{Top + PlotHeight}" stroke="#eee"/>""")).Append('\n');
            svg.Append(Invariant($"""  <line x1="{Left}" y1="{y:F1}" x2="{Left + PlotWidth}" y2="{y:F1}" stroke="#eee"/>""")).Append('\n');
            svg.Append(Invariant($"""  <text x="{x:F1}" y="{Top + PlotHeight + 16}" text-anchor="middle">{v:0.0}</text>""")).Append('\n');
            svg.Append(Invariant($"""  <text x="{Left - 6}" y="{y + 4:F1}" text-anchor="end">{v:0.0}</text>""")).Append('\n');
        }

        svg.Append(Invariant($"""  <rect x="{Left}" y="{Top}" width="{PlotWidth}" height="{PlotHeight}" fill="none" stroke="#333"/>""")).Append('\n');
        svg.Append(Invariant($"""  <text x="{Left + (PlotWidth / 2)}" y="{Height - 12}" text-anchor="middle">recall</text>""")).Append('\n');
        svg.Append(Invariant($"""  <text x="16" y="{Top + (PlotHeight / 2)}" text-anchor="middle" transform="rotate(-90 16 {Top + (PlotHeight / 2)})">precision</text>""")).Append('\n');

        int index = 0;
        foreach (SystemReport system in report.Systems)
        {
            string colour = Colours[index % Colours.Length];
            var points = new StringBuilder();
            foreach (CurvePoint point in system.PrecisionRecall)
            {
                points.Append(Invariant($"{X(point.Recall):F1},{Y(point.Precision):F1} "));
            }

            svg.Append(Invariant($"""  <polyline fill="none" stroke="{colour}" stroke-width="2" points="{points.ToString().TrimEnd()}"/>""")).Append('\n');

            // Where the hold threshold puts the system.
            OperatingPoint hold = system.AtHold;
            svg.Append(Invariant($"""  <circle cx="{X(hold.Recall):F1}" cy="{Y(hold.Precision):F1}" r="4" fill="{colour}"><title>{Escape(system.Name)} at {report.HoldThreshold}</title></circle>""")).Append('\n');

            int legendY = Top + PlotHeight - 60 + (index * 18);
            svg.Append(Invariant($"""  <line x1="{Left + 12}" y1="{legendY}" x2="{Left + 36}" y2="{legendY}" stroke="{colour}" stroke-width="2"/>""")).Append('\n');
            svg.Append(Invariant($"""  <text x="{Left + 42}" y="{legendY + 4}">{Escape($"{system.Name}: ROC AUC {system.RocAuc:F4}, at {report.HoldThreshold}: P {hold.Precision:F3} R {hold.Recall:F3}")}</text>""")).Append('\n');
            index++;
        }

        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static double X(double recall) => Left + (recall * PlotWidth);

    private static double Y(double precision) => Top + ((1 - precision) * PlotHeight);

    private static string Escape(string text) => WebUtility.HtmlEncode(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
