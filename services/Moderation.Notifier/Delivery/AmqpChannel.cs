using System.Text.Json;
using MassTransit;
using Moderation.Contracts;
using Moderation.Storage.Departments;
using Moderation.Storage.Notifications;

namespace Moderation.Notifier.Delivery;

/// <summary>
/// Sends the report as plain JSON to the department's own queue; the broker confirms it before
/// this returns. The AMQP message id is the delivery id, the same on every retry.
/// </summary>
public sealed class AmqpChannel(IBus bus) : IDeliveryChannel
{
    public EndpointKind Kind => EndpointKind.Amqp;

    public async Task<string> DeliverAsync(PendingNotification notification, DepartmentEndpoint endpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        ArgumentNullException.ThrowIfNull(endpoint);
        var report = JsonSerializer.Deserialize<IncidentReported>(notification.PayloadJson, WireFormat.Options)
            ?? throw new DeliveryFailedException($"Notification {notification.NotificationId} has an empty payload.");
        var target = await bus.GetSendEndpoint(new Uri($"queue:{endpoint.Address}"));
        await target.Send(report, context =>
        {
            if (Guid.TryParse(notification.DeliveryId, out var id))
            {
                context.MessageId = id;
            }
        }, cancellationToken);
        return $"AMQP queue {endpoint.Address} (delivery {notification.DeliveryId})";
    }
}
