using System.Diagnostics;

namespace Moderation.Integration.Tests.Faults;

/// <summary>
/// The verdict count sampled every quarter second while a run goes, and from it when the run
/// recovered: the verdict rate (over two seconds) back at nine tenths of the rate in the five seconds
/// before the fault, or every post answered, whichever comes first.
/// </summary>
public sealed class RecoveryClock
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan Before = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(2);

    private readonly List<(TimeSpan At, int Answered)> _samples = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public TimeSpan Now => _clock.Elapsed;

    /// <summary>Samples <paramref name="answered"/> until <paramref name="stop"/> is cancelled.</summary>
    public async Task SampleAsync(Func<int> answered, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            lock (_samples)
            {
                _samples.Add((_clock.Elapsed, answered()));
            }

            try
            {
                await Task.Delay(Interval, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Verdicts a second in the five seconds before <paramref name="faultStart"/>.</summary>
    public double RateBefore(TimeSpan faultStart)
    {
        var samples = Snapshot();
        var from = At(samples, faultStart - Before);
        var to = At(samples, faultStart);
        return (to.Answered - from.Answered) / Math.Max((to.At - from.At).TotalSeconds, 1e-3);
    }

    /// <summary>
    /// The first time at or after <paramref name="faultEnd"/> from which the rate over the next two
    /// seconds is back (or every post is answered); null if that never happened while sampled.
    /// </summary>
    public TimeSpan? RecoveredAt(TimeSpan faultStart, TimeSpan faultEnd, int published)
    {
        var samples = Snapshot();
        var target = 0.9 * RateBefore(faultStart);
        if (samples.Count > 0 && samples[^1].At < faultEnd && samples[^1].Answered >= published)
        {
            // Every post was answered before the repair was done (the run outlasted the fault by nothing): nothing left to recover.
            return faultEnd;
        }

        foreach (var (at, answered) in samples.Where(s => s.At >= faultEnd))
        {
            var later = At(samples, at + Window);
            if (answered >= published)
            {
                return at;
            }

            if (later.At > at && (later.Answered - answered) / (later.At - at).TotalSeconds >= target)
            {
                return at;
            }
        }

        return null;
    }

    /// <summary>The verdicts counted about once a second from <paramref name="from"/> to <paramref name="to"/>, a line for the test's output.</summary>
    public string Trace(TimeSpan from, TimeSpan to) => string.Join(" ", Snapshot()
        .Where(s => s.At >= from && s.At <= to)
        .Where((_, i) => i % 4 == 0)
        .Select(s => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{s.At.TotalSeconds:0.0}:{s.Answered}")));

    private List<(TimeSpan At, int Answered)> Snapshot()
    {
        lock (_samples)
        {
            return [.. _samples];
        }
    }

    /// <summary>The last sample at or before <paramref name="at"/> (the first one if none is).</summary>
    private static (TimeSpan At, int Answered) At(List<(TimeSpan At, int Answered)> samples, TimeSpan at) =>
        samples.LastOrDefault(s => s.At <= at, samples.FirstOrDefault());
}
