using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Moderation.Security;
using Moderation.Storage.Outbox;
using Moderation.Webhooks;

namespace Moderation.Api.Posts;

/// <summary>
/// <c>/api/v1/webhook</c>: a forum operator registers one URL to which the Notifier pushes its feed
/// (the same messages as <c>GET /api/v1/verdicts</c>), signed per Standard Webhooks. The secret is
/// generated here and shown once, in the answer to the registration.
/// </summary>
public static class ForumWebhookApi
{
    public static RouteGroupBuilder MapForumWebhookApi(this RouteGroupBuilder group)
    {
        group.MapPut("/webhook", RegisterAsync);
        group.MapGet("/webhook", GetAsync);
        group.MapDelete("/webhook", DeleteAsync);
        return group;
    }

    internal static async Task<Results<Ok<ForumWebhookRegistered>, ValidationProblem>> RegisterAsync(
        ForumWebhookBody body, ClaimsPrincipal user, ForumWebhookRepository webhooks, CancellationToken cancellationToken)
    {
        if (UrlProblem(body.Url) is { } problem)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["url"] = [problem] }, title: "The webhook is malformed; nothing was registered.");
        }

        var operatorId = user.OperatorId()!;
        var existing = await webhooks.FindAsync(operatorId, cancellationToken);
        var startAfter = existing?.DeliveredThrough ?? await webhooks.FeedEndAsync(operatorId, cancellationToken);
        var saved = await webhooks.SaveAsync(operatorId, body.Url!, WebhookSecret.Generate(), startAfter, cancellationToken);
        return TypedResults.Ok(new ForumWebhookRegistered(saved.Url, saved.Secret, saved.DeliveredThrough));
    }

    internal static async Task<Results<Ok<ForumWebhookStatus>, ProblemHttpResult>> GetAsync(
        ClaimsPrincipal user, ForumWebhookRepository webhooks, CancellationToken cancellationToken) =>
        await webhooks.FindAsync(user.OperatorId()!, cancellationToken) is { } webhook
            ? TypedResults.Ok(new ForumWebhookStatus(webhook.Url, webhook.DeliveredThrough, webhook.Failures, webhook.LastError, webhook.NextAttemptAt))
            : TypedResults.Problem("This operator has no webhook; register one with PUT /api/v1/webhook {\"url\": \"https://…\"}.", statusCode: StatusCodes.Status404NotFound, title: "No webhook.");

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        ClaimsPrincipal user, ForumWebhookRepository webhooks, CancellationToken cancellationToken) =>
        await webhooks.DeleteAsync(user.OperatorId()!, cancellationToken)
            ? TypedResults.NoContent()
            : TypedResults.Problem("This operator has no webhook.", statusCode: StatusCodes.Status404NotFound, title: "No webhook.");

    private static string? UrlProblem(string? url) =>
        string.IsNullOrWhiteSpace(url) ? "url is missing: send the absolute https:// address the feed is pushed to."
        : !Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            ? $"'{url}' is not an absolute http(s) address."
        : url.Length > 2000 ? "url is longer than 2000 characters."
        : null;
}

public sealed record ForumWebhookBody(string? Url);

/// <summary>The registered webhook with its secret, shown this once: keep it to check the signatures.</summary>
public sealed record ForumWebhookRegistered(string Url, string Secret, long DeliveredThrough);

/// <summary>Where the push stands: the cursor the forum acknowledged last, and the last failure if the push is failing.</summary>
public sealed record ForumWebhookStatus(string Url, long DeliveredThrough, int Failures, string? LastError, DateTimeOffset NextAttemptAt);
