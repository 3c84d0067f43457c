using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Moderation.Cli.Train;
using Moderation.Detection;
using Moderation.Detection.Classification;
using Moderation.Learning.Corpus;
using Moderation.Learning.Evaluation;

namespace Moderation.Cli.Tune;

/// <summary><c>moderation tune</c>: the model's hold point chosen by cross-validation on training posts.</summary>
public sealed class TuneCommand : Command
{
    private const string Help = """
        Chooses the model's hold point (policy.model.hold of a rule set) by cross-validation on
        labelled training posts, never on a test set. The posts are split into folds by family; each
        fold is scanned by the rules and a model trained without it (and with the shipped generated
        training split), and those out-of-fold scans are replayed at each hold point. Prints, for the
        rules alone and for each hold point, recall, false-positive rate, clean posts removed and the
        misses and false alarms by category, the fold models alone (ROC AUC, recall at FPR 0.01,
        0.02 and 0.05 of their out-of-fold probabilities), then the hold point with the most recall
        within --target-fpr and no clean post removed. Write it into the rule set's policy and measure the
        result on a corpus no one tuned to (moderation evaluate --rules).

        Without --corpus the hand-written training posts shipped with the tool are folded.
        --extra adds posts to every fold's training without measuring them, so that two runs, with
        and without it, compare the same out-of-fold posts: whether candidate training posts help.

        Exit codes: 0 a hold point meets the target; 3 none does (the figures are still printed);
        1 the corpus has a malformed line or too few families; 2 usage error.
        """;

    private readonly Option<string?> _corpus = new("--corpus", "-c")
    {
        Description = "Labelled posts to fold and measure, a JSONL file or a directory of them (default: the shipped hand-written training posts).",
        HelpName = "FILE|DIR",
    };

    private readonly Option<string?> _rules = new("--rules")
    {
        Description = "Rule set JSON whose rules and policy are tuned (default: the embedded rule set).",
        HelpName = "FILE",
    };

    private readonly Option<int> _folds = new("--folds")
    {
        Description = "Number of folds, 2 to 20.",
        DefaultValueFactory = _ => 4,
    };

    private readonly Option<double> _targetFpr = new("--target-fpr")
    {
        Description = "Largest false-positive rate the chosen hold point may have, 0 to 1.",
        DefaultValueFactory = _ => 0.01,
    };

    private readonly Option<string?> _holds = new("--holds")
    {
        Description = "Hold points to try, comma-separated probabilities (default: 0.002,0.005,0.01,0.02,0.03,0.05,0.1,0.2).",
        HelpName = "P,P,...",
    };

    private readonly Option<string?> _extra = new("--extra")
    {
        Description = "Labelled posts added to every fold's training and never measured, a JSONL file or a directory of them: run with and without to judge them.",
        HelpName = "FILE|DIR",
    };

    private readonly Option<bool> _foldedOnly = new("--folded-only")
    {
        Description = "Train the fold models on the folded posts alone, without the shipped generated training split.",
    };

    private readonly Option<string?> _report = new("--report", "-r")
    {
        Description = "Directory to write tune.json into.",
        HelpName = "DIR",
    };

    public TuneCommand()
        : base("tune", Help)
    {
        Options.Add(_corpus);
        Options.Add(_rules);
        Options.Add(_folds);
        Options.Add(_targetFpr);
        Options.Add(_holds);
        Options.Add(_extra);
        Options.Add(_foldedOnly);
        Options.Add(_report);
        SetAction(Run);
    }

    /// <summary>Exit code when no hold point meets the target: the run worked, the policy would not.</summary>
    public const int NoHoldPointMeetsTarget = 3;

    private int Run(ParseResult parseResult)
    {
        TextWriter output = parseResult.InvocationConfiguration.Output;
        TextWriter error = parseResult.InvocationConfiguration.Error;
        int folds = parseResult.GetValue(_folds);
        double target = parseResult.GetValue(_targetFpr);
        if (folds is < 2 or > 20)
        {
            error.WriteLine($"tune: --folds must be from 2 to 20, not {folds}");
            return ExitCodes.UsageError;
        }

        if (target is < 0 or > 1 || double.IsNaN(target))
        {
            error.WriteLine($"tune: --target-fpr must be a rate from 0 to 1, not {target.ToString(CultureInfo.InvariantCulture)}");
            return ExitCodes.UsageError;
        }

        IReadOnlyList<double>? holds = null;
        if (parseResult.GetValue(_holds) is { } holdsText)
        {
            holds = ParseHolds(holdsText, out string? problem);
            if (holds is null)
            {
                error.WriteLine($"tune: --holds: {problem}");
                return ExitCodes.UsageError;
            }
        }

        RuleSet rules = RuleSet.LoadDefault();
        if (parseResult.GetValue(_rules) is { } rulesPath)
        {
            try
            {
                rules = RuleSet.Parse(File.ReadAllText(rulesPath, Encoding.UTF8));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"tune: cannot read rule set {rulesPath}: {ex.Message}");
                return ExitCodes.UsageError;
            }
            catch (RuleSetException ex)
            {
                error.WriteLine($"tune: {rulesPath}: {ex.Message}");
                return ExitCodes.InvalidInput;
            }
        }

        using var progress = new ProgressDisplay(error, "tune");
        progress.Report("reading the corpus");
        string? corpusPath = parseResult.GetValue(_corpus);
        int exitCode = ExitCodes.Success;
        IReadOnlyList<CorpusExample>? folded = corpusPath is null
            ? CorpusFile.Parse(CorpusFile.HandwrittenText())
            : CorpusArguments.Load("tune", corpusPath, error, out exitCode);
        if (folded is null)
        {
            return exitCode;
        }

        IReadOnlyList<CorpusExample> generated = parseResult.GetValue(_foldedOnly)
            ? []
            : [.. CorpusFile.Parse(CorpusFile.ShippedText()).Where(e => e.Split == CorpusSplits.Train)];
        if (parseResult.GetValue(_extra) is { } extraPath)
        {
            IReadOnlyList<CorpusExample>? extra = CorpusArguments.Load("tune", extraPath, error, out exitCode);
            if (extra is null)
            {
                return exitCode;
            }

            generated = [.. generated, .. extra];
        }

        // A post both folded and trained always would be measured by a model that learned it.
        var foldedIds = new HashSet<string>(folded.Select(e => e.Id), StringComparer.Ordinal);
        generated = [.. generated.Where(e => !foldedIds.Contains(e.Id))];

        CrossValidationReport report;
        try
        {
            report = CrossValidation.Run(folded, generated, rules, FeatureSettings.Default, folds, target, holds, progress);
        }
        catch (ArgumentException ex)
        {
            progress.Dispose();
            error.WriteLine($"tune: {ex.Message}");
            return ExitCodes.InvalidInput;
        }

        progress.Dispose();
        output.Write(Summary(report, rules.Version));
        if (parseResult.GetValue(_report) is { } directory)
        {
            Directory.CreateDirectory(directory);
            string path = Path.Combine(directory, "tune.json");
            File.WriteAllText(path, JsonSerializer.Serialize(report, JsonOptions));
            output.WriteLine($"report in {Path.GetFullPath(path)}");
        }

        return report.Chosen is null ? NoHoldPointMeetsTarget : ExitCodes.Success;
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    internal static IReadOnlyList<double>? ParseHolds(string text, out string? problem)
    {
        var holds = new List<double>();
        foreach (string part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out double hold) || hold is <= 0 or >= 1)
            {
                problem = $"'{part}' is not a probability strictly between 0 and 1";
                return null;
            }

            holds.Add(hold);
        }

        problem = null;
        return holds;
    }

    /// <summary>The table a person reads: rules alone, then each hold point, then the choice.</summary>
    public static string Summary(CrossValidationReport report, string ruleSetVersion)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        text.AppendLine(F($"rules {ruleSetVersion}; {report.Posts:N0} posts folded ({report.Leaks:N0} leaks) in {report.Folds} folds by family; {report.AlwaysTrained:N0} more posts in every fold's training"));
        text.AppendLine("model.hold    recall     FPR  clean removed  missed leaks / false alarms by category");
        Line(text, "rules only", report.RulesAlone);
        foreach (HoldPoint point in report.Points)
        {
            string name = point.ModelHold.ToString("0.####", CultureInfo.InvariantCulture) + (point.ModelHold == report.CurrentHold ? " (now)" : "");
            Line(text, name, point);
        }

        if (report.ModelAlone is { } model)
        {
            text.AppendLine(F($"model alone, out of fold: ROC AUC {model.RocAuc:F4}; recall {model.RecallAtFpr01:F3} at FPR 0.01, {model.RecallAtFpr02:F3} at 0.02, {model.RecallAtFpr05:F3} at 0.05"));
        }

        text.AppendLine(report.Chosen is { } chosen
            ? F($"chosen: model.hold {chosen.ModelHold:0.####}: recall {chosen.Recall:F3} at FPR {chosen.FalsePositiveRate:F3} (target {report.TargetFalsePositiveRate:F3}), measured out of fold")
            : F($"no hold point keeps the false-positive rate within {report.TargetFalsePositiveRate:F3} with no clean post removed; the rules alone are at {report.RulesAlone.FalsePositiveRate:F3}"));
        return text.ToString();
    }

    private static void Line(StringBuilder text, string name, HoldPoint point)
    {
        string missed = string.Join(", ", point.Missed.OrderByDescending(m => m.Value).Take(4).Select(m => $"{m.Key} {m.Value}"));
        string flagged = string.Join(", ", point.Flagged.OrderByDescending(m => m.Value).Take(4).Select(m => $"{m.Key} {m.Value}"));
        text.AppendLine(F($"{name,-12} {point.Recall,7:F3} {point.FalsePositiveRate,7:F3} {point.CleanRemoved,14}  {missed} / {flagged}"));
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
