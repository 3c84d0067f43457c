using Microsoft.Extensions.Options;

namespace Moderation.Notifier.Delivery;

/// <summary>Runs dispatcher passes back to back while there is work; otherwise at the next signal of new notifications, or after the poll interval.</summary>
internal sealed class NotifierWorker(NotificationDispatcher dispatcher, NotificationSignal signal, TimeProvider time, IOptions<NotifierOptions> options, ILogger<NotifierWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var claimed = 0;
            try
            {
                claimed = await dispatcher.RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The database may be restarting; nothing is lost, the rows wait in the outbox.
                logger.LogWarning(ex, "Notification pass failed; retrying after {Interval}", options.Value.PollInterval);
            }

            if (claimed < options.Value.BatchSize)
            {
                try
                {
                    await signal.WaitAsync(options.Value.PollInterval, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
