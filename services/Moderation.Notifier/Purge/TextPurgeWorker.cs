using Microsoft.Extensions.Options;

namespace Moderation.Notifier.Purge;

internal sealed class TextPurgeWorker(TextPurger purger, TimeProvider time, IOptions<NotifierOptions> options, ILogger<TextPurgeWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await purger.RunOnceAsync(stoppingToken);
                await Task.Delay(options.Value.PurgeInterval, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Text purge pass failed; retrying");
                await Task.Delay(options.Value.PurgeInterval, time, stoppingToken);
            }
        }
    }
}
