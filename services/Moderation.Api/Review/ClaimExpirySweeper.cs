namespace Moderation.Api.Review;

/// <summary>
/// Every few seconds, returns cases whose claim ran out to the queue and tells the open queues.
/// Several API instances may sweep at once: each expiry is one fenced update, so only one wins it.
/// </summary>
internal sealed class ClaimExpirySweeper(ReviewQueue queue, TimeProvider time, ILogger<ClaimExpirySweeper> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var expired = await queue.ExpireClaimsAsync(stoppingToken);
                if (expired > 0)
                {
                    logger.LogInformation("{Count} expired claim(s) returned to the queue", expired);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Sweeping expired claims failed; trying again in {Interval}", Interval);
            }
        }
    }
}
