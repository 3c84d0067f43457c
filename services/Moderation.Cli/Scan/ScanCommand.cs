using System.CommandLine;
using System.Text;
using Moderation.Detection;
using Moderation.Detection.Classification;
using Moderation.Learning;
using Moderation.Learning.Training;

namespace Moderation.Cli.Scan;

/// <summary><c>moderation scan</c>: scores a JSONL file of posts offline with the embedded default rules and the default model.</summary>
public sealed class ScanCommand : Command
{
    private const string StandardStream = "-";

    // Verdict lines are written one by one; a large buffer turns them into few large writes.
    private const int FileBufferSize = 1 << 16;

    private const string Help = """
        Scans a JSONL file of posts offline with the embedded default rule set and the classifier, and writes
        one verdict per post. The classifier is the default model (trained from the shipped corpus the first
        time, about two seconds, then cached in $MODERATION_MODEL_CACHE or ~/.local/share/moderation/models),
        a model file given with --model, or none with --no-model. Its probability is fused with the rules by
        noisy-OR: score = 1 - (1 - rules) * (1 - model).

        Input: one JSON object per line; blank lines are skipped, fields not listed here are ignored.
          id         string, required   the post's id, copied to its verdict
          body       string, required   the post text
          title      string, optional   the post title, scanned separately from the body
          boardId    string, optional
          channel    string, optional   bbs, chat or newsgroup

        Output: one JSON object per valid input line, in input order.
          id              the input id
          action          publish, hold or remove
          score           suspicion from 0 to 1, rounded to 4 decimals
          reasons         array of { rule, category, field, start, length, weight, description,
                          context (when a nearby finding changed the weight), similarity
                          (fingerprint matches) }, the reasons the scanner's verdict carries,
                          every figure rounded to 4 decimals;
                          field is title or body, start and length count UTF-16 code units of
                          the original field text; the classifier's reason has rule and field
                          "model" and "post", start and length 0, weight and probability its
                          probability, and model its version
          ruleSetVersion  the version of the rules that produced the verdict
          modelVersion    the classifier's version (absent with --no-model)

        A malformed line is reported on standard error as "line N: <why>" and produces no verdict;
        the other lines are still scanned.

        Exit codes:
          0  every line was scanned
          1  at least one line was malformed
          2  usage error: a missing option, an input file that does not exist, an output that cannot be written,
             a model file that is not a model
        """;

    private readonly StandardStreams _streams;

    private readonly Option<string> _input = new("--input", "-i")
    {
        Description = "JSONL file of posts to scan, or - for standard input.",
        HelpName = "FILE",
        Required = true,
    };

    private readonly Option<string> _output = new("--output", "-o")
    {
        Description = "File to write verdicts to (replaced if it exists), or - for standard output.",
        HelpName = "FILE",
        Required = true,
    };

    private readonly Option<string> _model = new("--model")
    {
        Description = "Model file (from moderation train) to score with instead of the default model.",
        HelpName = "FILE",
    };

    private readonly Option<bool> _noModel = new("--no-model")
    {
        Description = "Scan with the rules alone.",
    };

    public ScanCommand(StandardStreams streams)
        : base("scan", Help)
    {
        _streams = streams;
        Options.Add(_input);
        Options.Add(_output);
        Options.Add(_model);
        Options.Add(_noModel);
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        TextWriter error = parseResult.InvocationConfiguration.Error;
        string inputPath = parseResult.GetRequiredValue(_input);
        string outputPath = parseResult.GetRequiredValue(_output);

        if (inputPath != StandardStream && !File.Exists(inputPath))
        {
            await error.WriteLineAsync($"scan: input file not found: {inputPath}");
            return ExitCodes.UsageError;
        }

        if (inputPath != StandardStream && outputPath != StandardStream
            && string.Equals(Path.GetFullPath(inputPath), Path.GetFullPath(outputPath), StringComparison.Ordinal))
        {
            await error.WriteLineAsync($"scan: input and output are the same file: {inputPath}");
            return ExitCodes.UsageError;
        }

        TextClassifier? classifier;
        try
        {
            classifier = LoadClassifier(parseResult, error);
        }
        catch (Exception ex) when (ex is ModelFormatException or IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"scan: cannot use model {parseResult.GetValue(_model)}: {ex.Message}");
            return ExitCodes.UsageError;
        }

        Stream input;
        try
        {
            input = inputPath == StandardStream ? _streams.OpenInput() : new FileStream(inputPath, FileMode.Open, FileAccess.Read, FileShare.Read, FileBufferSize);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"scan: cannot read input file {inputPath}: {ex.Message}");
            return ExitCodes.UsageError;
        }

        using var reader = new StreamReader(input, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, FileBufferSize, leaveOpen: inputPath == StandardStream);

        Stream output;
        try
        {
            output = outputPath == StandardStream
                ? new BufferedStream(_streams.OpenOutput(), FileBufferSize)
                : new FileStream(outputPath, FileMode.Create, FileAccess.Write, FileShare.Read, FileBufferSize);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"scan: cannot write output file {outputPath}: {ex.Message}");
            return ExitCodes.UsageError;
        }

        try
        {
            var scanner = new JsonlScanner(DetectionEngine.CreateDefault(), classifier);
            int malformed = scanner.Scan(reader, output, error, cancellationToken);
            return malformed == 0 ? ExitCodes.Success : ExitCodes.InvalidInput;
        }
        finally
        {
            if (outputPath == StandardStream)
            {
                // Standard output belongs to the process: flush the buffer but leave the stream open.
                await output.FlushAsync(CancellationToken.None);
            }
            else
            {
                await output.DisposeAsync();
            }
        }
    }

    private TextClassifier? LoadClassifier(ParseResult parseResult, TextWriter error)
    {
        if (parseResult.GetValue(_noModel))
        {
            return null;
        }

        if (parseResult.GetValue(_model) is { } path)
        {
            using ModerationModel model = ModerationModel.Load(path);
            return model.Classifier;
        }

        var progress = new SynchronousProgress(step => error.WriteLine($"scan: {step}"));
        using ModerationModel defaultModel = ModelCatalog.GetOrTrainDefault(ModelCatalog.DefaultCacheDirectory(), progress);
        return defaultModel.Classifier;
    }
}
