using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Moderation.Hosting;

/// <summary>
/// A pass of work repeated every <see cref="Interval"/> on the host's <see cref="TimeProvider"/>. A pass
/// that fails is logged and tried again at the next tick: these passes are all safety nets or sweeps
/// that the next pass catches up on, so one failure must never stop the loop.
/// </summary>
public abstract class PeriodicWork(TimeProvider time, ILogger logger) : BackgroundService
{
    protected abstract TimeSpan Interval { get; }

    /// <summary>The clock the passes are timed by, for passes that also need the time.</summary>
    protected TimeProvider Time => time;

    /// <summary>Said in the warning when a pass fails, e.g. "check for a newly activated rule set".</summary>
    protected abstract string Activity { get; }

    /// <summary>Whether the first pass runs at once rather than after one interval.</summary>
    protected virtual bool RunsAtStart => false;

    protected abstract Task RunOnceAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        TimeSpan interval = Interval;
        if (RunsAtStart)
        {
            await RunGuardedAsync(interval, stoppingToken);
        }

        using var timer = new PeriodicTimer(interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await RunGuardedAsync(interval, stoppingToken);
        }
    }

    private async Task RunGuardedAsync(TimeSpan interval, CancellationToken stoppingToken)
    {
        try
        {
            await RunOnceAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not {Activity}; trying again in {Interval}", Activity, interval);
        }
    }
}
