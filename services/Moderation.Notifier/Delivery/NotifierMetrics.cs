using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Moderation.Notifier.Delivery;

/// <summary>
/// The Notifier's instruments (meter <c>Moderation.Notifier</c>): deliveries, failed attempts,
/// dead letters (alert on any), publish-to-delivery latency, escalated orders.
/// </summary>
public sealed class NotifierMetrics
{
    public const string MeterName = "Moderation.Notifier";

    /// <summary>The Notifier's spans (activity source <c>Moderation.Notifier</c>): one per delivery attempt.</summary>
    public static readonly ActivitySource Spans = new(MeterName);

    private readonly Counter<long> _delivered;
    private readonly Counter<long> _failedAttempts;
    private readonly Counter<long> _deadLettered;
    private readonly Histogram<double> _latency;
    private readonly Counter<long> _escalated;

    public NotifierMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _delivered = meter.CreateCounter<long>("moderation.notifier.delivered", "{notification}", "Notifications delivered to a department endpoint.");
        _failedAttempts = meter.CreateCounter<long>("moderation.notifier.failed_attempts", "{attempt}", "Delivery attempts that failed and will be retried or dead-lettered.");
        _deadLettered = meter.CreateCounter<long>("moderation.notifier.dead_lettered", "{notification}", "Notifications given up on after the last attempt: alert on any.");
        _latency = meter.CreateHistogram<double>("moderation.notifier.delivery_latency", "s", "From the incident's commit (notification written) to confirmed delivery.");
        _escalated = meter.CreateCounter<long>("moderation.orders.escalated", "{order}", "Takedown and rectification orders past their deadline.");
    }

    public void Delivered(string channel, TimeSpan latency)
    {
        var tag = new KeyValuePair<string, object?>("channel", channel);
        _delivered.Add(1, tag);
        _latency.Record(Math.Max(0, latency.TotalSeconds), tag);
    }

    public void FailedAttempt(string channel) => _failedAttempts.Add(1, new KeyValuePair<string, object?>("channel", channel));

    public void DeadLettered(string channel) => _deadLettered.Add(1, new KeyValuePair<string, object?>("channel", channel));

    public void Escalated(string kind) => _escalated.Add(1, new KeyValuePair<string, object?>("kind", kind));
}
