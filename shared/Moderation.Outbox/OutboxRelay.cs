using Microsoft.Extensions.Logging;
using Moderation.Hosting;

namespace Moderation.Outbox;

/// <summary>
/// Sends outbox rows that their writer claimed but never marked sent (it crashed, or the broker was
/// away), every two seconds. Every host that writes rows runs one, so a row waits for its own kind of
/// process and no other; the claim in the database keeps relays in several processes from sending a
/// row twice.
/// </summary>
public sealed class OutboxRelay(MessageOutbox outbox, TimeProvider time, ILogger<OutboxRelay> logger)
    : PeriodicWork(time, logger)
{
    protected override TimeSpan Interval { get; } = TimeSpan.FromSeconds(2);

    protected override string Activity => "relay unsent outbox messages";

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var relayed = await outbox.RelayAbandonedAsync(cancellationToken);
        if (relayed > 0)
        {
            logger.LogInformation("Relayed {Count} abandoned outbox message(s)", relayed);
        }
    }
}
