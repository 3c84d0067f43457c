using System.Diagnostics;
using Moderation.Learning.Corpus;
using Moderation.Learning.Training;

namespace Moderation.Cli.Train;

/// <summary>
/// What the model costs per post on real corpus posts, timed call by call on one thread after a
/// warm-up pass: the median and 99th percentile of single predictions, and the mean per post of one
/// batch. A report figure, as `moderation train` prints it; BenchmarkDotNet gives the precise one.
/// </summary>
internal sealed record InferenceCost(int Posts, double AverageCharacters, double MedianMicroseconds, double P99Microseconds, double BatchedMicroseconds)
{
    public static InferenceCost Measure(ModerationModel model, IReadOnlyList<CorpusExample> posts)
    {
        (string? Title, string Body)[] texts = [.. posts.Select(p => (p.Title, p.Body))];
        model.PredictBatch(texts);
        var single = new double[texts.Length];
        for (int i = 0; i < texts.Length; i++)
        {
            long started = Stopwatch.GetTimestamp();
            model.Predict(texts[i].Title, texts[i].Body);
            single[i] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
        }

        long batchStarted = Stopwatch.GetTimestamp();
        model.PredictBatch(texts);
        double batched = Stopwatch.GetElapsedTime(batchStarted).TotalMicroseconds / Math.Max(1, texts.Length);

        Array.Sort(single);
        return new InferenceCost(
            texts.Length,
            texts.Length == 0 ? 0 : texts.Average(t => (t.Title?.Length ?? 0) + t.Body.Length),
            Percentile(single, 0.5),
            Percentile(single, 0.99),
            batched);
    }

    private static double Percentile(double[] sorted, double quantile) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(quantile * sorted.Length) - 1)];
}
