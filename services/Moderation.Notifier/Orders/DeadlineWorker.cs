using Microsoft.Extensions.Options;

namespace Moderation.Notifier.Orders;

internal sealed class DeadlineWorker(DeadlineTracker tracker, TimeProvider time, IOptions<NotifierOptions> options, ILogger<DeadlineWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await tracker.RunOnceAsync(stoppingToken);
                await Task.Delay(options.Value.DeadlineCheckInterval, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Deadline check failed; retrying");
                await Task.Delay(options.Value.DeadlineCheckInterval, time, stoppingToken);
            }
        }
    }
}
