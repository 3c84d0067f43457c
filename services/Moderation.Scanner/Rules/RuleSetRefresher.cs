namespace Moderation.Scanner.Rules;

/// <summary>
/// Loads the active rule set before the scanner takes its first message, then checks the database
/// every <see cref="Interval"/> as well, in case an activation notice was missed (the broker was
/// away when it was sent).
/// </summary>
internal sealed class RuleSetRefresher(DetectionEngineProvider engines, TimeProvider time, ILogger<RuleSetRefresher> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await engines.ReloadAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await engines.ReloadAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Could not check for a newly activated rule set; trying again in {Interval}", Interval);
            }
        }
    }
}
