using Microsoft.Extensions.Options;

namespace Moderation.Scanner.Models;

/// <summary>
/// Loads the model before the scanner takes its first message, then checks the registry every
/// <see cref="ModelOptions.RefreshInterval"/> as well, in case a <c>ModelActivated</c> notice was
/// missed (the broker was away when it was sent).
/// </summary>
internal sealed class ModelRefresher(ModelProvider models, IOptions<ModelOptions> options, TimeProvider time, ILogger<ModelRefresher> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await models.ReloadAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        TimeSpan interval = options.Value.RefreshInterval;
        using var timer = new PeriodicTimer(interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await models.ReloadAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Could not check for a newly activated model; trying again in {Interval}", interval);
            }
        }
    }
}
