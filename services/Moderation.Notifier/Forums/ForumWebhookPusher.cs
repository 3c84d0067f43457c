using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Moderation.Contracts;
using Moderation.Notifier.Delivery;
using Moderation.Outbox;
using Moderation.Storage.Outbox;
using Moderation.Webhooks;

namespace Moderation.Notifier.Forums;

/// <summary>
/// Pushes each forum operator's feed to its webhook: the next page after the cursor the forum last
/// acknowledged, POSTed as <c>{"items": […], "next": n}</c> (the body of <c>GET /api/v1/verdicts</c>)
/// and signed per Standard Webhooks with the operator's secret. A 2xx moves the cursor to
/// <c>next</c>; anything else is retried with backoff, from the same cursor, so nothing is skipped.
/// <c>webhook-id</c> names the page's last cursor, so a page sent twice carries the same id.
/// </summary>
public sealed class ForumWebhookPusher(
    ForumWebhookRepository webhooks,
    ForumFeed feed,
    IHttpClientFactory clients,
    TimeProvider time,
    IOptions<NotifierOptions> options,
    ILogger<ForumWebhookPusher> logger)
{
    public const int PageSize = 100;

    private readonly Random _jitter = new();

    /// <summary>One pass over the webhooks that are due; returns how many pages were acknowledged.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var due = await webhooks.ClaimDueAsync(settings.BatchSize, settings.ClaimDuration, cancellationToken);
        var acknowledged = 0;
        foreach (var webhook in due)
        {
            acknowledged += await PushAsync(webhook, settings, cancellationToken) ? 1 : 0;
        }

        return acknowledged;
    }

    private async Task<bool> PushAsync(ForumWebhook webhook, NotifierOptions settings, CancellationToken cancellationToken)
    {
        var page = await feed.ReadAsync(webhook.OperatorId, webhook.DeliveredThrough, PageSize, cancellationToken);
        var now = time.GetUtcNow();
        if (page.Items.Count == 0)
        {
            await webhooks.RecordDeliveredAsync(webhook.OperatorId, webhook.DeliveredThrough, now + settings.ForumWebhookInterval, cancellationToken);
            return false;
        }

        try
        {
            await PostAsync(webhook, page, settings, cancellationToken);
        }
        catch (DeliveryFailedException ex)
        {
            var retryAt = now + RetrySchedule.Delay(webhook.Failures + 1, settings.InitialBackoff, settings.MaxBackoff, _jitter);
            logger.LogWarning("Feed push to operator {OperatorId} failed ({Error}); retrying at {RetryAt}", webhook.OperatorId, ex.Message, retryAt);
            await webhooks.RecordFailureAsync(webhook.OperatorId, ex.Message, retryAt, cancellationToken);
            return false;
        }

        // More may be waiting: come back at once rather than after the interval.
        var next = page.Items.Count == PageSize ? now : now + settings.ForumWebhookInterval;
        await webhooks.RecordDeliveredAsync(webhook.OperatorId, page.Next, next, cancellationToken);
        return true;
    }

    private async Task PostAsync(ForumWebhook webhook, ForumFeedPage page, NotifierOptions settings, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Serialize(page, WireFormat.Options);
        var id = string.Create(CultureInfo.InvariantCulture, $"feed_{webhook.OperatorId}_{page.Next}");
        using var request = StandardWebhook.SignedPost(webhook.Url, webhook.Secret, id, time.GetUtcNow(), body);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.DeliveryTimeout);
        try
        {
            using var response = await clients.CreateClient(WebhookChannel.ClientName).SendAsync(request, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                throw new DeliveryFailedException($"POST {webhook.Url} answered {(int)response.StatusCode} {response.ReasonPhrase}");
            }
        }
        catch (HttpRequestException ex)
        {
            throw new DeliveryFailedException($"POST {webhook.Url} failed: {ex.Message}", ex);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DeliveryFailedException($"POST {webhook.Url} took longer than {settings.DeliveryTimeout.TotalSeconds:0} s");
        }
    }
}
