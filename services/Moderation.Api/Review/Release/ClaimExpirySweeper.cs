using Moderation.Hosting;

namespace Moderation.Api.Review.Release;

/// <summary>
/// Every few seconds, returns cases whose claim ran out to the queue and tells the open queues.
/// Several API instances may sweep at once: each expiry is one fenced update, so only one wins it.
/// </summary>
internal sealed class ClaimExpirySweeper(ExpireClaims claims, TimeProvider time, ILogger<ClaimExpirySweeper> logger)
    : PeriodicWork(time, logger)
{
    protected override TimeSpan Interval { get; } = TimeSpan.FromSeconds(5);

    protected override string Activity => "sweep expired claims";

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var expired = await claims.ExpireAsync(cancellationToken);
        if (expired > 0)
        {
            logger.LogInformation("{Count} expired claim(s) returned to the queue", expired);
        }
    }
}
