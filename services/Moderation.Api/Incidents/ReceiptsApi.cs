using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Caching.Distributed;
using Moderation.Contracts;
using Moderation.Webhooks;
using Moderation.Storage.Departments;
using Moderation.Storage.Notifications;

namespace Moderation.Api.Incidents;

/// <summary>
/// <c>POST /api/v1/receipts</c>: a department acknowledges a report by machine. The request is
/// signed per Standard Webhooks with the same endpoint secret the report was signed with, so the
/// signature is the credential (no account needed); a stale timestamp or a captured receipt sent
/// again is refused. Body: <c>{"deliveryId":"…","acknowledgedBy":"duty officer"}</c>.
/// </summary>
public static class ReceiptsApi
{
    private const int MaxBodyLength = 16 * 1024;

    public static RouteGroupBuilder MapReceiptsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/receipts").WithTags("Incidents");
        group.MapPost("/", ReceiveAsync);
        return group;
    }

    internal static async Task<Results<Accepted, ProblemHttpResult>> ReceiveAsync(
        HttpRequest request, NotificationOutbox notifications, DepartmentRepository departments, IDistributedCache seen, TimeProvider time, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync(cancellationToken);
        if (body.Length > MaxBodyLength)
        {
            return TypedResults.Problem("The receipt is too large.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        string? deliveryId;
        string? acknowledgedBy;
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind != JsonValueKind.Object)
            {
                return TypedResults.Problem("The receipt must be a JSON object with deliveryId and acknowledgedBy.", statusCode: StatusCodes.Status400BadRequest);
            }

            deliveryId = json.RootElement.TryGetProperty("deliveryId", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
            acknowledgedBy = json.RootElement.TryGetProperty("acknowledgedBy", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null;
        }
        catch (JsonException ex)
        {
            return TypedResults.Problem($"The receipt is not JSON ({ex.Message}).", statusCode: StatusCodes.Status400BadRequest);
        }
        catch (InvalidOperationException)
        {
            // A lone surrogate escape is valid JSON but no text.
            return TypedResults.Problem("The receipt holds a lone surrogate escape (\\uD800–\\uDFFF without its pair), which is not text.", statusCode: StatusCodes.Status400BadRequest);
        }

        // Both reach the database, which cannot store a NUL: a delivery id is an id, a name holds no control character.
        var textProblem = (deliveryId is null ? null : WireText.IdProblem("deliveryId", deliveryId))
            ?? (acknowledgedBy is null ? null : WireText.ControlCharacterProblem("acknowledgedBy", acknowledgedBy));
        if (textProblem is not null)
        {
            return TypedResults.Problem(textProblem, statusCode: StatusCodes.Status400BadRequest);
        }

        if (string.IsNullOrEmpty(deliveryId) || string.IsNullOrWhiteSpace(acknowledgedBy) || acknowledgedBy.Length > 200)
        {
            return TypedResults.Problem("deliveryId (the webhook-id of the report) and acknowledgedBy (who, at most 200 characters) are required.", statusCode: StatusCodes.Status400BadRequest);
        }

        var notification = await notifications.FindByDeliveryIdAsync(deliveryId, cancellationToken);
        var endpoint = notification?.EndpointId is { } endpointId ? await departments.FindEndpointAsync(endpointId, cancellationToken) : null;
        if (notification is null || endpoint?.Secret is null)
        {
            // One answer for unknown and unsigned, so the endpoint reveals nothing about delivery ids.
            return TypedResults.Problem("No signed report with this deliveryId.", statusCode: StatusCodes.Status401Unauthorized);
        }

        var check = await StandardWebhook.VerifyAsync(endpoint.Secret, request.Headers[StandardWebhook.IdHeader], request.Headers[StandardWebhook.TimestampHeader],
            request.Headers[StandardWebhook.SignatureHeader], body, time.GetUtcNow(), async (key, ttl) =>
            {
                var cacheKey = $"receipt:{key}";
                if (await seen.GetAsync(cacheKey, cancellationToken) is not null)
                {
                    return false;
                }

                await seen.SetAsync(cacheKey, [1], new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = ttl }, cancellationToken);
                return true;
            });
        return check switch
        {
            WebhookCheck.Valid => await AcceptAsync(notifications, notification.NotificationId, acknowledgedBy, cancellationToken),
            WebhookCheck.Replayed => TypedResults.Problem("This receipt was already received.", statusCode: StatusCodes.Status409Conflict),
            WebhookCheck.StaleTimestamp => TypedResults.Problem($"webhook-timestamp is more than {StandardWebhook.Tolerance.TotalMinutes:0} minutes from our clock.", statusCode: StatusCodes.Status401Unauthorized),
            _ => TypedResults.Problem("Missing or wrong webhook-id / webhook-timestamp / webhook-signature: sign \"id.timestamp.body\" with the endpoint's secret.", statusCode: StatusCodes.Status401Unauthorized),
        };
    }

    private static async Task<Results<Accepted, ProblemHttpResult>> AcceptAsync(NotificationOutbox notifications, long notificationId, string acknowledgedBy, CancellationToken cancellationToken)
    {
        await notifications.AcknowledgeAsync(notificationId, acknowledgedBy, "Signed receipt", cancellationToken);
        return TypedResults.Accepted((string?)null);
    }
}
