using System.CommandLine;
using Moderation.Cli.Train;
using Moderation.Detection;
using Moderation.Detection.Classification;
using Moderation.Learning.Corpus;
using Moderation.Learning.Evaluation;
using Moderation.Learning.Training;

namespace Moderation.Cli.Evaluate;

/// <summary><c>moderation evaluate</c>: the rules, a model and the two fused, measured on a labelled split.</summary>
public sealed class EvaluateCommand : Command
{
    private const string Help = """
        Measures a trained model, the default rules and the two fused (what users get) on a labelled
        corpus split: ROC AUC, precision, recall, F1 and false-positive rates at the hold and remove
        thresholds, a threshold table, per-category figures and a precision-recall chart (--report).
        Without --corpus the corpus shipped with the tool is used; the test split holds template
        families the training split never saw.

        With --shadow CANDIDATE.zip the candidate is scored in shadow beside --model (the model in use):
        both fused with the rules, their figures side by side, and every post whose verdict the candidate
        would change, by direction and category (shadow.md and shadow.jsonl with --report).

        Exit codes: 0 evaluated; 1 the corpus has a malformed line or the split is empty; 2 usage error
        (missing file, not a model file).
        """;

    private readonly Option<string> _model = new("--model", "-m")
    {
        Description = "Model file written by 'moderation train'.",
        HelpName = "MODEL.zip",
        Required = true,
    };

    private readonly Option<string?> _corpus = new("--corpus", "-c")
    {
        Description = "Corpus JSONL file (default: the shipped corpus).",
        HelpName = "FILE",
    };

    private readonly Option<string> _split = new("--split")
    {
        Description = "Which examples to measure on: test (default), train or all.",
        DefaultValueFactory = _ => CorpusSplits.Test,
    };

    private readonly Option<string?> _report = new("--report", "-r")
    {
        Description = "Directory to write report.md, report.json and precision-recall.svg into.",
        HelpName = "DIR",
    };

    private readonly Option<string> _fusion = new("--fusion")
    {
        Description = "How rule score and model probability combine: noisy-or (default) or max.",
        DefaultValueFactory = _ => "noisy-or",
    };

    private readonly Option<string?> _shadow = new("--shadow")
    {
        Description = "A candidate model file to compare with --model: where their verdicts would differ.",
        HelpName = "CANDIDATE.zip",
    };

    public EvaluateCommand()
        : base("evaluate", Help)
    {
        _split.AcceptOnlyFromAmong(CorpusSplits.Test, CorpusSplits.Train, "all");
        _fusion.AcceptOnlyFromAmong("noisy-or", "max");
        Options.Add(_model);
        Options.Add(_corpus);
        Options.Add(_split);
        Options.Add(_report);
        Options.Add(_fusion);
        Options.Add(_shadow);
        SetAction(Run);
    }

    private int Run(ParseResult parseResult)
    {
        TextWriter output = parseResult.InvocationConfiguration.Output;
        TextWriter error = parseResult.InvocationConfiguration.Error;
        string modelPath = parseResult.GetRequiredValue(_model);
        string split = parseResult.GetRequiredValue(_split);
        string? reportDirectory = parseResult.GetValue(_report);
        FusionMethod fusion = parseResult.GetRequiredValue(_fusion) == "max" ? FusionMethod.Max : FusionMethod.NoisyOr;

        if (!File.Exists(modelPath))
        {
            error.WriteLine($"evaluate: model file not found: {modelPath}");
            return ExitCodes.UsageError;
        }

        string? shadowPath = parseResult.GetValue(_shadow);
        if (shadowPath is not null && !File.Exists(shadowPath))
        {
            error.WriteLine($"evaluate: candidate model file not found: {shadowPath}");
            return ExitCodes.UsageError;
        }

        using var progress = new ProgressDisplay(error, "evaluate");
        progress.Report("loading the model");
        ModerationModel model;
        ModerationModel? candidate = null;
        string loading = modelPath;
        try
        {
            model = ModerationModel.Load(modelPath);
            loading = shadowPath ?? modelPath;
            candidate = shadowPath is null ? null : ModerationModel.Load(shadowPath);
        }
        catch (ModelFormatException ex)
        {
            progress.Dispose();
            error.WriteLine($"evaluate: {loading}: {ex.Message}");
            return ExitCodes.UsageError;
        }

        using (candidate)
        using (model)
        {
            progress.Report("reading the corpus");
            IReadOnlyList<CorpusExample>? corpus = CorpusArguments.Load("evaluate", parseResult.GetValue(_corpus), error, out int exitCode);
            if (corpus is null)
            {
                return exitCode;
            }

            List<CorpusExample> examples = [.. corpus.Where(e => split == "all" || e.Split == split)];
            if (examples.Count == 0)
            {
                progress.Dispose();
                error.WriteLine($"evaluate: the corpus has no examples in the {split} split");
                return ExitCodes.InvalidInput;
            }

            if (candidate is not null)
            {
                progress.Report($"scoring {examples.Count:N0} posts with the rules, the model in use and the candidate");
                var comparison = ShadowComparison.Compare(model, candidate, DetectionEngine.CreateDefault(), examples, split, fusion);
                if (reportDirectory is not null)
                {
                    comparison.WriteDirectory(reportDirectory);
                }

                progress.Dispose();
                output.Write(comparison.Summary());
                if (reportDirectory is not null)
                {
                    output.WriteLine($"disagreements in {Path.GetFullPath(Path.Combine(reportDirectory, "shadow.md"))}");
                }

                return ExitCodes.Success;
            }

            progress.Report($"scoring {examples.Count:N0} posts with the rules and the model");
            EvaluationReport report = EvaluationReport.Evaluate(model, DetectionEngine.CreateDefault(), examples, split, fusion);
            if (reportDirectory is not null)
            {
                progress.Report($"writing the report into {reportDirectory}");
                ReportWriter.WriteDirectory(reportDirectory, report);
            }

            progress.Dispose();
            output.WriteLine($"model {model.Metadata.Version} ({model.Metadata.Recipe})");
            output.Write(ReportWriter.Summary(report));
            if (reportDirectory is not null)
            {
                output.WriteLine($"report in {Path.GetFullPath(reportDirectory)}");
            }

            return ExitCodes.Success;
        }
    }
}
