using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Moderation.Outbox;
using Moderation.Security;

namespace Moderation.Api.Posts;

/// <summary>
/// <c>GET /api/v1/verdicts?after={cursor}&amp;limit={n}</c>: every message the caller's operator was
/// sent (verdicts of every stage, rejections, takedown orders), oldest first, for forums that read
/// over HTTP instead of from their queue. Start with <c>after=0</c> and ask again with the page's
/// <c>next</c>; a page shorter than the limit means the forum is up to date.
/// </summary>
public static class VerdictFeed
{
    public const int DefaultPageSize = 100;

    internal static async Task<Results<Ok<ForumFeedPage>, ValidationProblem>> ReadAsync(
        string? after,
        string? limit,
        ClaimsPrincipal user,
        ForumFeed feed,
        CancellationToken cancellationToken)
    {
        var problems = new Dictionary<string, string[]>();
        var cursor = 0L;
        if (after is not null && (!long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out cursor)))
        {
            problems["after"] = [$"'{after}' is not a cursor: send 0 to start, then the 'next' of the page you read last."];
        }

        var size = DefaultPageSize;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > ForumFeed.MaxPageSize))
        {
            problems["limit"] = [$"'{limit}' is not a page size: send a whole number from 1 to {ForumFeed.MaxPageSize} (default {DefaultPageSize})."];
        }

        if (problems.Count > 0)
        {
            return TypedResults.ValidationProblem(problems, title: "The feed request is malformed.");
        }

        return TypedResults.Ok(await feed.ReadAsync(user.OperatorId() ?? "", cursor, size, cancellationToken));
    }
}
