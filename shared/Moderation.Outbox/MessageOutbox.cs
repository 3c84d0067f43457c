using System.Diagnostics;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Moderation.Contracts;
using Moderation.Hosting.Messaging;
using Moderation.Storage.Outbox;
using Moderation.Storage.Tracing;

namespace Moderation.Outbox;

/// <summary>
/// The message outbox, as its callers use it. Build the message with <see cref="Verdict"/>,
/// <see cref="Rejection"/> or <see cref="Takedown"/> and hand it to the store, which writes it,
/// claimed by the caller, in the transaction that decided it; after commit call
/// <see cref="TryDispatchAsync"/> with the row's id and the same message, which sends that very
/// object and marks the row sent. Rows whose sender died before that are sent by
/// <see cref="RelayAbandonedAsync"/> (run by <see cref="OutboxRelay"/> in every host that writes rows).
/// </summary>
public sealed class MessageOutbox(
    IBus sendEndpoints,
    OutboxTable table,
    IOptions<MessagingOptions> options,
    TimeProvider time,
    ILogger<MessageOutbox> logger)
{
    private const int RelayBatchSize = 200;

    /// <summary>The relay's spans (activity source <c>Moderation.Outbox</c>).</summary>
    public static readonly ActivitySource Spans = new("Moderation.Outbox");

    public static OutboxMessage<PostVerdict> Verdict(string destination, PostVerdict verdict) => new(destination, verdict);

    public static OutboxMessage<PostRejected> Rejection(string destination, PostRejected rejection) => new(destination, rejection);

    public static OutboxMessage<TakedownRequested> Takedown(string destination, TakedownRequested order) => new(destination, order);

    /// <summary>
    /// A send is given up after half the claim: a claim must not run out (and let a relay send the row
    /// again) while its holder may still be sending. What is given up is retried once the claim runs out.
    /// </summary>
    private TimeSpan SendTimeout => table.ClaimDuration / 2;

    /// <summary>
    /// Sends one claimed row and marks it sent. A message built here is sent as it is; a row read back
    /// from the table is deserialised first. A failure leaves the row claimed, so a relay retries it
    /// once the claim runs out.
    /// </summary>
    public async Task<bool> TryDispatchAsync(long outboxId, OutboundMessage message, CancellationToken cancellationToken)
    {
        try
        {
            if (options.Value.DeliverToOperatorQueues)
            {
                var send = message as IOutboxSend ?? OutboxMessageTypes.Read(message);
                var endpoint = await sendEndpoints.GetSendEndpoint(new Uri($"queue:{message.Destination}"));
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(SendTimeout);
                await send.SendAsync(endpoint, timeout.Token);
            }

            await table.MarkSentAsync(outboxId, cancellationToken);
            return true;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Could not send outbox message {OutboxId} to {Destination}; the relay will retry it", outboxId, message.Destination);
            return false;
        }
    }

    /// <summary>
    /// Sends a batch's claimed rows at once (the broker confirms them together) and marks those sent
    /// in one statement. A row whose send failed stays claimed, so a relay retries it once the claim
    /// runs out. Returns whether each was sent, in the order of <paramref name="messages"/>.
    /// </summary>
    public async Task<IReadOnlyList<bool>> TryDispatchManyAsync(IReadOnlyList<(long OutboxId, OutboundMessage Message)> messages, CancellationToken cancellationToken)
    {
        var sent = new bool[messages.Count];
        if (messages.Count == 0)
        {
            return sent;
        }

        if (options.Value.DeliverToOperatorQueues)
        {
            // Endpoints first (one per queue; the first use opens its channel), then the sends under
            // the timeout, as a single send does: the timeout bounds the publishing and its confirms.
            var endpoints = new Dictionary<string, ISendEndpoint>(StringComparer.Ordinal);
            foreach (var destination in messages.Select(m => m.Message.Destination).Distinct(StringComparer.Ordinal))
            {
                try
                {
                    endpoints[destination] = await sendEndpoints.GetSendEndpoint(new Uri($"queue:{destination}"));
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    logger.LogWarning(ex, "Could not reach queue {Destination}; the relay will send its messages", destination);
                }
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(SendTimeout);
            await Task.WhenAll(messages.Select(async (m, i) =>
            {
                if (!endpoints.TryGetValue(m.Message.Destination, out var endpoint))
                {
                    return;
                }

                try
                {
                    var send = m.Message as IOutboxSend ?? OutboxMessageTypes.Read(m.Message);
                    await send.SendAsync(endpoint, timeout.Token);
                    sent[i] = true;
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    logger.LogWarning(ex, "Could not send outbox message {OutboxId} to {Destination}; the relay will retry it", m.OutboxId, m.Message.Destination);
                }
            }));
        }
        else
        {
            Array.Fill(sent, true);
        }

        try
        {
            await table.MarkSentAsync([.. messages.Where((_, i) => sent[i]).Select(m => m.OutboxId)], cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Sent but not marked: the relay sends them again once their claims run out, and forums dedupe.
            logger.LogWarning(ex, "Could not mark {Count} sent outbox message(s); the relay will send them again", sent.Count(s => s));
            Array.Fill(sent, false);
        }

        return sent;
    }

    /// <summary>
    /// Claims the rows whose sender never marked them sent and whose claim has run out, and sends them.
    /// Relays in other processes may run at the same time: the claim gives each row to one of them.
    /// Returns how many rows were claimed.
    /// </summary>
    public async Task<int> RelayAbandonedAsync(CancellationToken cancellationToken)
    {
        var relayed = 0;
        IReadOnlyList<PendingMessage> batch;
        do
        {
            batch = await table.ClaimAbandonedAsync(RelayBatchSize, cancellationToken);
            for (var i = 0; i < batch.Count; i++)
            {
                // Rows this pass has no time left to send are left to run out and be claimed again.
                if (time.GetUtcNow() + SendTimeout > batch[i].ClaimedUntil)
                {
                    logger.LogInformation("Outbox relay pass ran out of claim time; {Count} claimed message(s) wait for the next pass", batch.Count - i);
                    return relayed;
                }

                var row = batch[i];
                // The relayed message continues the trace of the work that wrote it, not the relay's pass.
                using var relay = Spans.StartActivity("outbox relay", ActivityKind.Internal, StoredTraceContext.Parent(row.TraceParent));
                relay?.SetTag("moderation.outbox_id", row.OutboxId);
                await TryDispatchAsync(row.OutboxId, new OutboundMessage(row.Destination, row.MessageType, row.PayloadJson), cancellationToken);
                relayed++;
            }
        }
        while (batch.Count == RelayBatchSize && !cancellationToken.IsCancellationRequested);

        return relayed;
    }
}
