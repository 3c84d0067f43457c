using System.Diagnostics.Metrics;
using Moderation.Hosting;

namespace Moderation.Api.Review.Statistics;

/// <summary>
/// The review queue's instruments (meter <c>Moderation.Review</c>): open cases and open cases past
/// their SLA, over every area, counted every 15 seconds (a scrape reads the last count, never the
/// database). Every Api replica reports the same figures; take their maximum.
/// </summary>
public sealed class ReviewQueueMetrics : PeriodicWork
{
    public const string Name = "Moderation.Review";

    private readonly ReviewStatistics _statistics;
    private long _open = -1;
    private long _overdue = -1;

    public ReviewQueueMetrics(ReviewStatistics statistics, IMeterFactory meters, TimeProvider time, ILogger<ReviewQueueMetrics> logger)
        : base(time, logger)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _statistics = statistics;
        var meter = meters.Create(Name);
        meter.CreateObservableGauge("moderation.review.queue_depth", () => Observe(Interlocked.Read(ref _open)), "{case}", "Open review cases.");
        meter.CreateObservableGauge("moderation.review.sla_breached", () => Observe(Interlocked.Read(ref _overdue)), "{case}", "Open review cases past their SLA deadline: alert on a rise.");
    }

    protected override TimeSpan Interval { get; } = TimeSpan.FromSeconds(15);

    protected override string Activity => "count the review queue for its metrics";

    protected override bool RunsAtStart => true;

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var (open, overdue) = await _statistics.QueueNowAsync(cancellationToken);
        Interlocked.Exchange(ref _open, open);
        Interlocked.Exchange(ref _overdue, overdue);
    }

    /// <summary>Nothing until the first count, rather than a zero that was never measured.</summary>
    private static Measurement<long>[] Observe(long value) => value < 0 ? [] : [new Measurement<long>(value)];
}
