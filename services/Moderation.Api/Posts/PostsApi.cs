using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Moderation.Contracts;
using Moderation.Intake;
using Moderation.Outbox;
using Moderation.Security;
using Moderation.Storage.Boards;
using Moderation.Storage.Posts;

namespace Moderation.Api.Posts;

/// <summary>HTTP ingest for forums that cannot speak AMQP, and each post's current verdict.</summary>
public static class PostsApi
{
    public static RouteGroupBuilder MapPostsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Posts");
        group.MapPost("/posts", SubmitAsync).RequireRateLimiting(Security.SecurityRegistration.PostsRateLimit);
        group.MapGet("/boards/{boardId}/posts/{postId}", GetAsync);
        group.MapGet("/verdicts", VerdictFeed.ReadAsync);
        group.MapForumWebhookApi();
        return group;
    }

    /// <summary>
    /// Stores the revision before queueing it, so an accepted post survives a restart (it is queued
    /// again at start if still unscanned). Submitting the same revision again is harmless.
    /// </summary>
    internal static async Task<Results<Accepted<SubmissionAccepted>, ValidationProblem, ProblemHttpResult>> SubmitAsync(
        PostSubmitted post,
        ClaimsPrincipal user,
        BoardDirectory boards,
        PostRepository posts,
        PostPublisher publisher,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var problems = PostSubmittedValidator.Validate(post, now);
        if (problems.Count > 0)
        {
            return TypedResults.ValidationProblem(
                problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()),
                title: "The post is malformed; nothing was stored.");
        }

        var board = await boards.FindAsync(post.BoardId, cancellationToken);
        // Checked before the board's status, so a key learns nothing about boards that are not its operator's.
        if (board is not null && board.OperatorId != user.OperatorId())
        {
            return TypedResults.Problem(
                $"Board '{post.BoardId}' is not run by operator '{user.OperatorId()}', whose key sent this post. Submit with the API key issued to the board's operator.",
                statusCode: StatusCodes.Status403Forbidden, title: "Not your board.");
        }

        if (BoardAdmission.Refusal(post.BoardId, board) is { } refusal)
        {
            return TypedResults.Problem(refusal.Reason, statusCode: StatusCodes.Status422UnprocessableEntity, title: "The board may not publish.",
                extensions: new Dictionary<string, object?> { ["code"] = refusal.Code.ToString() });
        }

        await posts.AcceptAsync(PostRecords.FromSubmission(post, now), cancellationToken);
        await publisher.PublishAsync(post, cancellationToken);
        var location = $"/api/v1/boards/{Uri.EscapeDataString(post.BoardId)}/posts/{Uri.EscapeDataString(post.PostId)}";
        return TypedResults.Accepted(location, new SubmissionAccepted(post.BoardId, post.PostId, post.Revision, "queued", location));
    }

    internal static async Task<Results<Ok<PostStatus>, ProblemHttpResult>> GetAsync(
        string boardId,
        string postId,
        ClaimsPrincipal user,
        BoardDirectory boards,
        PostRepository posts,
        ForumFeed feed,
        CancellationToken cancellationToken)
    {
        // Another operator's board answers as if the post did not exist: no key learns what others publish.
        var board = await boards.FindAsync(boardId, cancellationToken);
        var view = board is null || board.OperatorId != user.OperatorId() ? null : await posts.FindLatestAsync(boardId, postId, cancellationToken);
        if (board is null || view is null)
        {
            return TypedResults.Problem($"No post '{postId}' has been submitted on board '{boardId}'.", statusCode: StatusCodes.Status404NotFound, title: "Post not found.");
        }

        var messages = await feed.AboutPostAsync(board.VerdictQueue, boardId, postId, cancellationToken);
        var history = PostHistory.Of(messages);
        var current = PostHistory.Current(history, view.Revision);
        var verdict = PostHistory.LatestVerdict(messages, view.Revision);
        var scan = view.Scan;
        return TypedResults.Ok(new PostStatus
        {
            BoardId = view.BoardId,
            PostId = view.PostId,
            Revision = view.Revision,
            Status = view.WithdrawnAt is not null ? "withdrawn" : scan is null ? "pending" : "scanned",
            Action = current?.Action ?? (scan is null ? null : Enum.Parse<VerdictAction>(scan.Action)),
            Stage = current?.Stage ?? (scan is null ? null : VerdictStage.Scan),
            DecidedAt = current?.DecidedAt ?? scan?.ScannedAt,
            Score = verdict?.Score ?? scan?.Score,
            Reasons = verdict?.Reasons ?? (scan is null ? [] : JsonSerializer.Deserialize<VerdictReason[]>(scan.ReasonsJson, WireFormat.Options) ?? []),
            RuleSetVersion = verdict?.RuleSetVersion ?? scan?.RuleSetVersion,
            ReceivedAt = view.ReceivedAt,
            ScannedAt = scan?.ScannedAt,
            WithdrawnAt = view.WithdrawnAt,
            History = history,
        });
    }
}
