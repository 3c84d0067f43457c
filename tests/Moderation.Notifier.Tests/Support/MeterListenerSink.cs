using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Moderation.Notifier.Delivery;

namespace Moderation.Notifier.Tests.Support;

/// <summary>Records the Notifier's measurements of one meter factory (one Notifier).</summary>
public sealed class MeterListenerSink : IDisposable
{
    private readonly MeterListener _listener = new();
    private IMeterFactory? _factory;

    public ConcurrentQueue<(string Instrument, double Value)> Measurements { get; } = new();

    public void Listen(IMeterFactory factory)
    {
        _factory = factory;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == NotifierMetrics.MeterName && instrument.Meter.Scope == _factory)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => Measurements.Enqueue((instrument.Name, value)));
        _listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => Measurements.Enqueue((instrument.Name, value)));
        _listener.Start();
    }

    public double Sum(string instrument) => Measurements.Where(m => m.Instrument == instrument).Sum(m => m.Value);

    public void Dispose() => _listener.Dispose();
}
