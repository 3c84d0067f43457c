using System.Diagnostics;
using Microsoft.Extensions.Options;
using Moderation.Storage.Departments;
using Moderation.Storage.Notifications;
using Moderation.Storage.Tracing;

namespace Moderation.Notifier.Delivery;

/// <summary>
/// One pass over the notification outbox: claim what is due, deliver each by its endpoint's channel,
/// then record delivery, schedule a retry with backoff, or dead-letter it with an alert after the
/// last attempt. Several Notifiers may run passes at once; the claim keeps them off each other's rows.
/// </summary>
public sealed class NotificationDispatcher(
    NotificationOutbox outbox,
    DepartmentRepository departments,
    IEnumerable<IDeliveryChannel> channels,
    NotifierMetrics metrics,
    TimeProvider time,
    IOptions<NotifierOptions> options,
    ILogger<NotificationDispatcher> logger)
{
    private readonly Dictionary<EndpointKind, IDeliveryChannel> _channels = channels.ToDictionary(c => c.Kind);

    /// <summary>Shared by all passes; jitter needs no reproducibility.</summary>
    private static readonly Random Jitter = Random.Shared;

    /// <summary>Returns how many notifications were claimed (a full batch means more may be waiting).</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var claimed = await outbox.ClaimDueAsync(settings.BatchSize, settings.ClaimDuration, cancellationToken);
        await Parallel.ForEachAsync(
            claimed,
            new ParallelOptions { MaxDegreeOfParallelism = settings.MaxParallelDeliveries, CancellationToken = cancellationToken },
            async (notification, token) => await DeliverAsync(notification, token));
        return claimed.Count;
    }

    private async Task DeliverAsync(PendingNotification notification, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var channel = notification.Channel ?? "none";
        // Each delivery continues the trace of the scan or decision that opened the incident.
        using var span = NotifierMetrics.Spans.StartActivity("deliver notification", ActivityKind.Producer, StoredTraceContext.Parent(notification.TraceParent));
        span?.SetTag("moderation.notification_id", notification.NotificationId).SetTag("moderation.channel", channel).SetTag("moderation.attempt", notification.Attempts);
        var endpoint = notification.EndpointId is { } endpointId ? await departments.FindEndpointAsync(endpointId, cancellationToken) : null;
        if (endpoint is null || !endpoint.Enabled || !_channels.TryGetValue(endpoint.Kind, out var sender))
        {
            var reason = endpoint is null
                ? $"No department endpoint for division {notification.DivisionCode}: no department covers it, or it has no enabled endpoint. Add one to the directory (moderation departments import), then retry the notification."
                : $"Endpoint {endpoint.EndpointId} ({endpoint.Kind} {endpoint.Address}) is disabled or its channel is not available. Fix the directory, then retry the notification.";
            await DeadLetterAsync(notification, channel, reason, cancellationToken);
            return;
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(settings.DeliveryTimeout);
            var detail = await sender.DeliverAsync(notification, endpoint, timeout.Token);
            if (await outbox.MarkDeliveredAsync(notification, detail, cancellationToken))
            {
                metrics.Delivered(channel, time.GetUtcNow() - notification.CreatedAt);
                logger.LogInformation("Notification {NotificationId} for incident {IncidentId} delivered by {Channel} (attempt {Attempt})",
                    notification.NotificationId, notification.IncidentId, channel, notification.Attempts);
            }
            else
            {
                logger.LogWarning("Notification {NotificationId} was delivered after its claim ran out; another Notifier owns it now", notification.NotificationId);
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            span?.SetStatus(ActivityStatusCode.Error, ex.Message);
            metrics.FailedAttempt(channel);
            var error = ex is DeliveryFailedException ? ex.Message : $"{ex.GetType().Name}: {ex.Message}";
            if (ex is OperationCanceledException)
            {
                error = $"no answer within {settings.DeliveryTimeout.TotalSeconds:0.#} s";
            }

            if (notification.Attempts >= settings.MaxAttempts)
            {
                await DeadLetterAsync(notification, channel, $"Gave up after {notification.Attempts} attempts; last error: {error}", cancellationToken);
                return;
            }

            var delay = RetrySchedule.Delay(notification.Attempts, settings.InitialBackoff, settings.MaxBackoff, Jitter);
            await outbox.ScheduleRetryAsync(notification, time.GetUtcNow() + delay, error, cancellationToken);
            logger.LogWarning("Notification {NotificationId} attempt {Attempt} by {Channel} failed ({Error}); next try in {Delay}",
                notification.NotificationId, notification.Attempts, channel, error, delay);
        }
    }

    private async Task DeadLetterAsync(PendingNotification notification, string channel, string reason, CancellationToken cancellationToken)
    {
        if (await outbox.DeadLetterAsync(notification, reason, cancellationToken))
        {
            metrics.DeadLettered(channel);
            logger.LogError("ALERT: notification {NotificationId} for incident {IncidentId} (division {DivisionCode}) is dead-lettered: {Reason}",
                notification.NotificationId, notification.IncidentId, notification.DivisionCode, reason);
        }
    }
}
