using Moderation.Detection;
using Moderation.Detection.Classification;
using Moderation.Verdicts;

namespace Moderation.Cli.Scan;

/// <summary>
/// Streams a JSONL file through the engine on every core while keeping input order: PLINQ pulls
/// lines in chunks, scans them in parallel and hands the verdicts back in order, so reading,
/// scanning and writing overlap and only a bounded window of lines is in memory.
/// </summary>
internal sealed class JsonlScanner(DetectionEngine engine, TextClassifier? classifier)
{
    /// <returns>The number of malformed lines (each reported on <paramref name="error"/>).</returns>
    public int Scan(TextReader input, Stream output, TextWriter error, CancellationToken cancellationToken)
    {
        IEnumerable<LineOutcome> outcomes = ReadLines(input)
            .AsParallel()
            .AsOrdered()
            .WithDegreeOfParallelism(Environment.ProcessorCount)
            .WithCancellation(cancellationToken)
            .Select(ScanLine);

        int malformed = 0;
        foreach (LineOutcome outcome in outcomes)
        {
            if (outcome.Verdict is not null)
            {
                output.Write(outcome.Verdict);
            }
            else
            {
                malformed++;
                error.WriteLine($"line {outcome.LineNumber}: {outcome.Error}");
            }
        }

        return malformed;
    }

    private static IEnumerable<(int Number, string Text)> ReadLines(TextReader input)
    {
        int number = 0;
        while (input.ReadLine() is { } line)
        {
            number++;
            if (!string.IsNullOrWhiteSpace(line))
            {
                yield return (number, line);
            }
        }
    }

    private LineOutcome ScanLine((int Number, string Text) line)
    {
        if (!PostLine.TryParse(line.Text, out PostLine? post, out string? problem))
        {
            return new LineOutcome(line.Number, null, problem);
        }

        ScanResult result = engine.Scan(new ScanInput(post.Title, post.Body), classifier: classifier);
        return new LineOutcome(line.Number, VerdictJson.Serialize(post.Id, result), null);
    }

    /// <summary>Either the UTF-8 verdict line or why the input line was rejected.</summary>
    private readonly record struct LineOutcome(int LineNumber, byte[]? Verdict, string? Error);
}
