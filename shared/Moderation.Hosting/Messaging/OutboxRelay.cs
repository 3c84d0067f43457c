using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Moderation.Storage.Outbox;

namespace Moderation.Hosting.Messaging;

/// <summary>
/// Sends outbox rows that their writer claimed but never marked sent (it crashed, or the broker
/// was away). Every replica runs one; the claim in the database keeps them from sending a row twice.
/// </summary>
public sealed class OutboxRelay(MessageOutbox outbox, OutboxDispatcher dispatcher, TimeProvider time, ILogger<OutboxRelay> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);
    private const int BatchSize = 200;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                IReadOnlyList<PendingMessage> batch;
                do
                {
                    batch = await outbox.ClaimAbandonedAsync(BatchSize, stoppingToken);
                    foreach (var row in batch)
                    {
                        await dispatcher.TryDispatchAsync(row.OutboxId, new OutboundMessage(row.Destination, row.MessageType, row.PayloadJson), stoppingToken);
                    }

                    if (batch.Count > 0)
                    {
                        logger.LogInformation("Relayed {Count} abandoned outbox message(s)", batch.Count);
                    }
                }
                while (batch.Count == BatchSize && !stoppingToken.IsCancellationRequested);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Outbox relay pass failed; trying again in {Interval}", Interval);
            }
        }
    }
}
