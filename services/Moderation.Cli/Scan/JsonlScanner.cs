using Moderation.Detection;

namespace Moderation.Cli.Scan;

/// <summary>
/// Streams a JSONL file through the engine: reads a batch of lines, scans the batch on every core,
/// then writes the verdicts in input order. Only one batch is held in memory at a time.
/// </summary>
internal sealed class JsonlScanner(DetectionEngine engine)
{
    private const int BatchSize = 512;

    /// <returns>The number of malformed lines (each reported on <paramref name="error"/>).</returns>
    public async Task<int> ScanAsync(TextReader input, Stream output, TextWriter error, CancellationToken cancellationToken)
    {
        var batch = new List<(int LineNumber, string Text)>(BatchSize);
        var outcomes = new LineOutcome[BatchSize];
        var parallel = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount };
        int lineNumber = 0;
        int malformed = 0;
        bool endOfInput = false;
        while (!endOfInput)
        {
            batch.Clear();
            while (batch.Count < BatchSize)
            {
                string? line = await input.ReadLineAsync(cancellationToken);
                if (line is null)
                {
                    endOfInput = true;
                    break;
                }

                lineNumber++;
                if (!string.IsNullOrWhiteSpace(line))
                {
                    batch.Add((lineNumber, line));
                }
            }

            Parallel.For(0, batch.Count, parallel, i => outcomes[i] = ScanLine(batch[i].Text));

            for (int i = 0; i < batch.Count; i++)
            {
                LineOutcome outcome = outcomes[i];
                if (outcome.Verdict is not null)
                {
                    await output.WriteAsync(outcome.Verdict, cancellationToken);
                }
                else
                {
                    malformed++;
                    await error.WriteLineAsync($"line {batch[i].LineNumber}: {outcome.Error}");
                }
            }
        }

        return malformed;
    }

    private LineOutcome ScanLine(string line)
    {
        if (!PostLine.TryParse(line, out PostLine? post, out string? problem))
        {
            return new LineOutcome(null, problem);
        }

        ScanResult result = engine.Scan(new ScanInput(post.Title, post.Body));
        return new LineOutcome(VerdictJson.Serialize(post.Id, result), null);
    }

    /// <summary>Either the UTF-8 verdict line or why the input line was rejected.</summary>
    private readonly record struct LineOutcome(byte[]? Verdict, string? Error);
}
