using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Moderation.Hosting.Telemetry;

/// <summary>
/// One stage of a piece of work, measured twice from one place: a span named after the stage (a child
/// of whatever span is current) and its duration in a histogram tagged <c>stage</c>. Dispose it when
/// the stage ends.
/// </summary>
public readonly struct TimedStage : IDisposable
{
    private readonly Histogram<double> _durations;
    private readonly Activity? _span;
    private readonly KeyValuePair<string, object?> _stage;
    private readonly long _started;

    public TimedStage(ActivitySource source, Histogram<double> durations, string stage)
        : this(source, durations, stage, parent: null)
    {
    }

    /// <summary>
    /// A stage done on behalf of work whose span is <paramref name="parent"/> but on another task (a
    /// batch written for many posts): its span continues that work's trace rather than the current one.
    /// </summary>
    public TimedStage(ActivitySource source, Histogram<double> durations, string stage, ActivityContext? parent)
    {
        _durations = durations;
        _stage = new KeyValuePair<string, object?>("stage", stage);
        _span = parent is { } context ? source.StartActivity(stage, ActivityKind.Internal, context) : source.StartActivity(stage);
        _started = Stopwatch.GetTimestamp();
    }

    /// <summary>The stage's span, when anyone listens, to tag with what the stage found.</summary>
    public Activity? Span => _span;

    public void Dispose()
    {
        _durations?.Record(Stopwatch.GetElapsedTime(_started).TotalSeconds, _stage);
        _span?.Dispose();
    }
}
