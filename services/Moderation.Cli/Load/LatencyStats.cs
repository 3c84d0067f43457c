namespace Moderation.Cli.Load;

/// <summary>Percentiles of a set of latencies in milliseconds, by the nearest-rank method (a reported figure is one that was measured).</summary>
public sealed record LatencyStats(int Count, double P50, double P95, double P99, double Max, double Mean)
{
    public static readonly LatencyStats Empty = new(0, 0, 0, 0, 0, 0);

    public static LatencyStats Of(IEnumerable<double> milliseconds)
    {
        var sorted = milliseconds.ToArray();
        if (sorted.Length == 0)
        {
            return Empty;
        }

        Array.Sort(sorted);
        return new LatencyStats(sorted.Length, Percentile(sorted, 50), Percentile(sorted, 95), Percentile(sorted, 99), sorted[^1], Math.Round(sorted.Average(), 3));
    }

    /// <summary>The smallest value with at least <paramref name="percent"/>% of the values at or below it.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double percent)
    {
        ArgumentOutOfRangeException.ThrowIfZero(sorted.Count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(percent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        // Less a hair, so 99.9 % of 1,000 is rank 999 although 99.9 / 100 * 1000 is a little above 999 in binary.
        var rank = (int)Math.Ceiling((percent * sorted.Count / 100) - 1e-9);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }
}
