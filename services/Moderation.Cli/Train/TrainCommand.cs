using System.CommandLine;
using System.Globalization;
using Moderation.Detection;
using Moderation.Detection.Classification;
using Moderation.Learning.Corpus;
using Moderation.Learning.Evaluation;
using Moderation.Learning.Training;

namespace Moderation.Cli.Train;

/// <summary><c>moderation train</c>: trains the classifier on a corpus's training split and saves it with its metadata.</summary>
public sealed class TrainCommand : Command
{
    private const string Help = """
        Trains the leak classifier on the training split of a labelled corpus (JSONL: id, title, body,
        label secret|clean, category, family, split train|test) and saves it as one file: the ML.NET model
        with its metadata (version, training data hash, feature settings, metrics). When the corpus has a
        test split the model is measured on it, next to the rules and the two fused; --report writes the
        full report there. Without --corpus the corpus shipped with the tool is used. --extra adds labelled
        examples in the same format to the training data, whatever their split: moderators' decisions from
        `moderation export-labels`, for instance. The summary also gives the model's inference cost per
        post (median and 99th percentile one post at a time, and batched), measured on the test split.

        Training is deterministic: the same corpus and settings give the same model file, byte for byte.
        Progress goes to standard error; the summary to standard output.

        Exit codes: 0 trained; 1 the corpus has a malformed line or cannot be trained on; 2 usage error.
        """;

    private readonly Option<string?> _corpus = new("--corpus", "-c")
    {
        Description = "Corpus JSONL file (default: the shipped corpus).",
        HelpName = "FILE",
    };

    private readonly Option<string> _output = new("--output", "-o")
    {
        Description = "Model file to write (replaced if it exists).",
        HelpName = "MODEL.zip",
        Required = true,
    };

    private readonly Option<string?> _report = new("--report", "-r")
    {
        Description = "Directory to write the test split's report into (report.md, report.json, precision-recall.svg).",
        HelpName = "DIR",
    };

    private readonly Option<string[]> _extra = new("--extra", "-x")
    {
        Description = "More labelled examples (corpus JSONL, e.g. from moderation export-labels) to train on; repeatable.",
        HelpName = "FILE",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public TrainCommand()
        : base("train", Help)
    {
        Options.Add(_corpus);
        Options.Add(_extra);
        Options.Add(_output);
        Options.Add(_report);
        SetAction(Run);
    }

    private int Run(ParseResult parseResult)
    {
        TextWriter output = parseResult.InvocationConfiguration.Output;
        TextWriter error = parseResult.InvocationConfiguration.Error;
        string outputPath = parseResult.GetRequiredValue(_output);
        string? reportDirectory = parseResult.GetValue(_report);

        string? outputDirectory = Path.GetDirectoryName(Path.GetFullPath(outputPath));
        if (outputDirectory is not null && !Directory.Exists(outputDirectory))
        {
            error.WriteLine($"train: output directory does not exist: {outputDirectory}");
            return ExitCodes.UsageError;
        }

        using var progress = new ProgressDisplay(error, "train");
        progress.Report("reading the corpus");
        IReadOnlyList<CorpusExample>? corpus = CorpusArguments.Load("train", parseResult.GetValue(_corpus), error, out int exitCode);
        if (corpus is null)
        {
            return exitCode;
        }

        List<CorpusExample> training = [.. corpus.Where(e => e.Split == CorpusSplits.Train)];
        List<CorpusExample> test = [.. corpus.Where(e => e.Split == CorpusSplits.Test)];
        var ids = new HashSet<string>(corpus.Select(e => e.Id), StringComparer.Ordinal);
        int extras = 0;
        foreach (string extraPath in parseResult.GetValue(_extra) ?? [])
        {
            progress.Report($"reading {extraPath}");
            IReadOnlyList<CorpusExample>? extra = CorpusArguments.Load("train", extraPath, error, out exitCode);
            if (extra is null)
            {
                progress.Dispose();
                return exitCode;
            }

            if (extra.FirstOrDefault(e => !ids.Add(e.Id)) is { } duplicate)
            {
                progress.Dispose();
                error.WriteLine($"train: {extraPath}: id '{duplicate.Id}' is already in the corpus or an earlier --extra file; each example may be trained on once");
                return ExitCodes.InvalidInput;
            }

            training.AddRange(extra);
            extras += extra.Count;
        }

        if (!training.Any(e => e.IsSecret) || !training.Any(e => !e.IsSecret))
        {
            progress.Dispose();
            error.WriteLine($"train: the training split needs both secret and clean examples (it has {training.Count(e => e.IsSecret)} secret, {training.Count(e => !e.IsSecret)} clean)");
            return ExitCodes.InvalidInput;
        }

        TimeSpan started = progress.Elapsed;
        ModerationModel model = ModelTrainer.Train(training, FeatureSettings.Default, progress);
        TimeSpan trainingTime = progress.Elapsed - started;

        EvaluationReport? report = null;
        if (test.Count > 0)
        {
            progress.Report($"evaluating on {test.Count:N0} test posts");
            report = EvaluationReport.Evaluate(model, DetectionEngine.CreateDefault(), test, CorpusSplits.Test);
            model = model.WithMetadata(model.Metadata with { Metrics = report.ModelMetrics() });
        }

        progress.Report($"saving {outputPath}");
        try
        {
            model.Save(outputPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            progress.Dispose();
            error.WriteLine($"train: cannot write model file {outputPath}: {ex.Message}");
            return ExitCodes.UsageError;
        }

        string[] preamble =
        [
            F($"Trained `{model.Metadata.Version}` on {training.Count} posts ({model.Metadata.SecretExamples} leaks) in {trainingTime.TotalSeconds:F1} s; recipe `{model.Metadata.Recipe}`, ML.NET {model.Metadata.MlNetVersion}."),
            "",
        ];
        if (report is not null && reportDirectory is not null)
        {
            progress.Report($"writing the report into {reportDirectory}");
            ReportWriter.WriteDirectory(reportDirectory, report, preamble);
        }

        progress.Dispose();
        output.WriteLine($"model      {Path.GetFullPath(outputPath)}");
        output.WriteLine($"version    {model.Metadata.Version}");
        output.WriteLine($"recipe     {model.Metadata.Recipe}");
        output.WriteLine($"data       {model.Metadata.DataHash} ({training.Count} training posts{(extras > 0 ? F($", {extras} of them from --extra") : "")}, {model.Metadata.SecretExamples} leaks)");
        output.WriteLine(F($"trained in {trainingTime.TotalSeconds:F1} s (total {progress.Elapsed.TotalSeconds:F1} s)"));
        InferenceCost cost = InferenceCost.Measure(model, test.Count > 0 ? test : training);
        output.WriteLine(F($"inference  {cost.MedianMicroseconds:F1} µs median, {cost.P99Microseconds:F1} µs p99 per post one at a time; {cost.BatchedMicroseconds:F1} µs per post batched ({cost.Posts} posts of {cost.AverageCharacters:F0} characters on average, one thread)"));
        if (report is not null)
        {
            output.WriteLine();
            output.Write(ReportWriter.Summary(report));
        }

        return ExitCodes.Success;
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
