using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Moderation.Learning.Corpus;

namespace Moderation.Learning.Evaluation;

/// <summary>Writes an evaluation as Markdown (people), JSON (scripts) and an SVG precision-recall chart.</summary>
public static class ReportWriter
{
    public const string MarkdownFile = "report.md";
    public const string JsonFile = "report.json";
    public const string SvgFile = "precision-recall.svg";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Writes report.md, report.json and precision-recall.svg into <paramref name="directory"/> (created if missing).</summary>
    /// <param name="preamble">Lines to put at the top of the Markdown (what was trained, how long it took).</param>
    public static void WriteDirectory(string directory, EvaluationReport report, IEnumerable<string>? preamble = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        Directory.CreateDirectory(directory);
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        File.WriteAllText(Path.Combine(directory, MarkdownFile), Markdown(report, preamble), utf8);
        File.WriteAllText(Path.Combine(directory, JsonFile), JsonSerializer.Serialize(report, Json) + "\n", utf8);
        File.WriteAllText(Path.Combine(directory, SvgFile), PrecisionRecallSvg.Render(report), utf8);
    }

    public static string ToJson(EvaluationReport report) => JsonSerializer.Serialize(report, Json);

    public static string Markdown(EvaluationReport report, IEnumerable<string>? preamble = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var md = new StringBuilder();
        md.Append("# Evaluation\n\n");
        foreach (string line in preamble ?? [])
        {
            md.Append(line).Append('\n');
        }

        md.Append(F($"Model `{report.ModelVersion}`, rules `{report.RuleSetVersion}`, {report.Split} split: {report.Examples} posts, {report.SecretExamples} leaks. "))
            .Append(F($"Hold at {report.HoldThreshold}, remove at {report.RemoveThreshold}; fusion: {FusionName(report.Fusion)}.\n\n"));

        md.Append("| System | ROC AUC | Precision | Recall | F1 | FPR clean | FPR near-miss | Recall at remove | FPR at remove |\n");
        md.Append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        foreach (SystemReport s in report.Systems)
        {
            md.Append(F($"| {s.Name} | {s.RocAuc:F4} | {s.AtHold.Precision:F3} | {s.AtHold.Recall:F3} | {s.AtHold.F1:F3} | {s.AtHold.FalsePositiveRate:F3} | {s.AtHold.NearMissFalsePositiveRate:F3} | {s.AtRemove.Recall:F3} | {s.AtRemove.FalsePositiveRate:F3} |\n"));
        }

        md.Append("\nPrecision, recall, F1 and FPR are at the hold threshold: a post counts as flagged when it is at least held.\n");

        foreach (SystemReport s in report.Systems)
        {
            md.Append(F($"\n## {s.Name}\n\n"));
            md.Append("Confusion matrix (rows: truth, columns: flagged / not flagged):\n\n");
            md.Append("| | at hold: flagged | not | at remove: flagged | not |\n|---|---:|---:|---:|---:|\n");
            md.Append(F($"| leak | {s.AtHold.TruePositives} | {s.AtHold.FalseNegatives} | {s.AtRemove.TruePositives} | {s.AtRemove.FalseNegatives} |\n"));
            md.Append(F($"| clean | {s.AtHold.FalsePositives} | {s.AtHold.TrueNegatives} | {s.AtRemove.FalsePositives} | {s.AtRemove.TrueNegatives} |\n\n"));

            md.Append("| Category | Group | Posts | Flagged at hold | Flagged at remove |\n|---|---|---:|---:|---:|\n");
            foreach (CategoryFigures c in s.Categories)
            {
                string meaning = c.Group == CategoryGroup.Leak ? "recall" : "FPR";
                md.Append(F($"| {c.Category} | {GroupName(c.Group)} | {c.Examples} | {c.AtHold:F3} ({meaning}) | {c.AtRemove:F3} |\n"));
            }

            md.Append("\n| Threshold | Precision | Recall | F1 | FPR clean | FPR near-miss | TP | FP | TN | FN |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            foreach (OperatingPoint p in s.Thresholds)
            {
                md.Append(F($"| {p.Threshold:0.00} | {p.Precision:F3} | {p.Recall:F3} | {p.F1:F3} | {p.FalsePositiveRate:F3} | {p.NearMissFalsePositiveRate:F3} | {p.TruePositives} | {p.FalsePositives} | {p.TrueNegatives} | {p.FalseNegatives} |\n"));
            }
        }

        md.Append(F($"\nPrecision-recall curves: [{SvgFile}]({SvgFile}).\n"));
        return md.ToString();
    }

    /// <summary>A few lines for a terminal: one per system.</summary>
    public static string Summary(EvaluationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        text.Append(F($"{report.Split} split: {report.Examples} posts ({report.SecretExamples} leaks); hold {report.HoldThreshold}, remove {report.RemoveThreshold}\n"));
        text.Append(F($"{"system",-26} {"ROC AUC",8} {"prec",6} {"recall",6} {"F1",6} {"FPR",6} {"FPR nm",6} {"R@rem",6} {"FPR@rem",7}\n"));
        foreach (SystemReport s in report.Systems)
        {
            text.Append(F($"{s.Name,-26} {s.RocAuc,8:F4} {s.AtHold.Precision,6:F3} {s.AtHold.Recall,6:F3} {s.AtHold.F1,6:F3} {s.AtHold.FalsePositiveRate,6:F3} {s.AtHold.NearMissFalsePositiveRate,6:F3} {s.AtRemove.Recall,6:F3} {s.AtRemove.FalsePositiveRate,7:F3}\n"));
        }

        return text.ToString();
    }

    private static string FusionName(FusionMethod fusion) => fusion == FusionMethod.NoisyOr ? "noisy-OR of rule score and model probability" : "maximum of rule score and model probability";

    private static string GroupName(CategoryGroup group) => group switch
    {
        CategoryGroup.Leak => "leak",
        CategoryGroup.NearMiss => "near-miss",
        _ => "ordinary",
    };

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
