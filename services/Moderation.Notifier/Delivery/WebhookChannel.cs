using Moderation.Webhooks;
using Moderation.Storage.Departments;
using Moderation.Storage.Notifications;

namespace Moderation.Notifier.Delivery;

/// <summary>
/// POSTs the report to the department's URL, signed per Standard Webhooks with the endpoint's
/// secret. <c>webhook-id</c> is the delivery id, the same on every retry, so the receiver can dedupe;
/// the timestamp is fresh per attempt, so an old capture cannot be replayed. Any 2xx is a delivery.
/// </summary>
public sealed class WebhookChannel(IHttpClientFactory clients, TimeProvider time) : IDeliveryChannel
{
    public const string ClientName = "department-webhooks";

    public EndpointKind Kind => EndpointKind.Webhook;

    public async Task<string> DeliverAsync(PendingNotification notification, DepartmentEndpoint endpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        ArgumentNullException.ThrowIfNull(endpoint);
        if (endpoint.Secret is null)
        {
            throw new DeliveryFailedException($"Webhook endpoint {endpoint.EndpointId} has no secret; set one in the directory.");
        }

        using var request = StandardWebhook.SignedPost(endpoint.Address, endpoint.Secret, notification.DeliveryId, time.GetUtcNow(), notification.PayloadJson);
        var client = clients.CreateClient(ClientName);
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new DeliveryFailedException($"POST {endpoint.Address} failed: {ex.Message}", ex);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                throw new DeliveryFailedException($"POST {endpoint.Address} answered {(int)response.StatusCode} {response.ReasonPhrase}: {(body.Length > 200 ? body[..200] : body)}");
            }
        }

        return $"Webhook {endpoint.Address} (delivery {notification.DeliveryId})";
    }
}
