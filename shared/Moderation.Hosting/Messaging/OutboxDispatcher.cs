using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Moderation.Contracts;
using Moderation.Storage.Outbox;

namespace Moderation.Hosting.Messaging;

/// <summary>
/// Sends rows of the message outbox to their queues and marks them sent. Used right after the
/// transaction that wrote a row, and by <see cref="OutboxRelay"/> for rows whose sender died.
/// </summary>
public sealed class OutboxDispatcher(
    IBus sendEndpoints,
    MessageOutbox outbox,
    IOptions<MessagingOptions> options,
    ILogger<OutboxDispatcher> logger)
{
    public const string PostVerdictType = nameof(PostVerdict);
    public const string PostRejectedType = nameof(PostRejected);
    public const string TakedownRequestedType = nameof(TakedownRequested);

    public static OutboundMessage Verdict(string destination, PostVerdict verdict) =>
        new(destination, PostVerdictType, JsonSerializer.Serialize(verdict, WireFormat.Options));

    public static OutboundMessage Rejection(string destination, PostRejected rejection) =>
        new(destination, PostRejectedType, JsonSerializer.Serialize(rejection, WireFormat.Options));

    public static OutboundMessage Takedown(string destination, TakedownRequested order) =>
        new(destination, TakedownRequestedType, JsonSerializer.Serialize(order, WireFormat.Options));

    /// <summary>Sends one row; a failure leaves the row claimed, so the relay retries it once the claim runs out.</summary>
    public async Task<bool> TryDispatchAsync(long outboxId, OutboundMessage message, CancellationToken cancellationToken)
    {
        try
        {
            if (options.Value.DeliverToOperatorQueues)
            {
                var endpoint = await sendEndpoints.GetSendEndpoint(new Uri($"queue:{message.Destination}"));
                await SendAsync(endpoint, message, cancellationToken);
            }

            await outbox.MarkSentAsync(outboxId, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not send outbox message {OutboxId} to {Destination}; the relay will retry it", outboxId, message.Destination);
            return false;
        }
    }

    private static Task SendAsync(ISendEndpoint endpoint, OutboundMessage message, CancellationToken cancellationToken) => message.MessageType switch
    {
        PostVerdictType => endpoint.Send(Deserialize<PostVerdict>(message), cancellationToken),
        PostRejectedType => endpoint.Send(Deserialize<PostRejected>(message), cancellationToken),
        TakedownRequestedType => endpoint.Send(Deserialize<TakedownRequested>(message), cancellationToken),
        _ => throw new InvalidOperationException($"Outbox message type '{message.MessageType}' is not known to this version."),
    };

    private static T Deserialize<T>(OutboundMessage message) =>
        JsonSerializer.Deserialize<T>(message.PayloadJson, WireFormat.Options)
        ?? throw new InvalidOperationException($"Outbox payload of type {message.MessageType} is empty.");
}
