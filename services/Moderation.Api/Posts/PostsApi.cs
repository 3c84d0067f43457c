using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
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
        // Limited per post by its own allowance (BatchAllowance), not per request.
        group.MapPost("/posts/batch", SubmitBatchAsync);
        group.MapGet("/boards/{boardId}/posts/{postId}", GetAsync);
        group.MapGet("/verdicts", VerdictFeed.ReadAsync);
        group.MapForumWebhookApi();
        return group;
    }

    /// <summary>
    /// Stores the revision before queueing it, so an accepted post survives a restart (it is queued
    /// again at start if still unscanned). Submitting the same revision again is harmless. Concurrent
    /// submissions are stored and queued together (<see cref="IngestBatcher"/>).
    /// </summary>
    internal static async Task<Results<Accepted<SubmissionAccepted>, ValidationProblem, ProblemHttpResult>> SubmitAsync(
        PostSubmitted post,
        ClaimsPrincipal user,
        BoardDirectory boards,
        IngestBatcher batcher,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        switch (await AdmitAsync(post, user, id => boards.FindAsync(id, cancellationToken), now))
        {
            case { Errors: { } errors } refusal:
                return TypedResults.ValidationProblem(errors, title: refusal.Title);
            case { } refusal:
                return TypedResults.Problem(refusal.Detail, statusCode: refusal.Status, title: refusal.Title,
                    extensions: refusal.Code is null ? null : new Dictionary<string, object?> { ["code"] = refusal.Code });
        }

        await batcher.SubmitAsync(PostRecords.FromSubmission(post, now), post, cancellationToken);
        var accepted = Accepted(post);
        return TypedResults.Accepted(accepted.Location, accepted);
    }

    /// <summary>
    /// Many posts in one request, for forums that submit in bulk: each post is checked as a single
    /// submission would be and answered in the same place of <c>results</c>; the accepted ones are
    /// stored and queued, a refused one stores nothing and does not hold back the others.
    /// </summary>
    internal static async Task<Results<Ok<BatchSubmissionResult>, ValidationProblem, ProblemHttpResult>> SubmitBatchAsync(
        PostBatch batch,
        ClaimsPrincipal user,
        BoardDirectory boards,
        IngestBatcher batcher,
        BatchAllowance allowance,
        IOptions<IngestOptions> options,
        IOptions<Security.SecurityOptions> security,
        HttpResponse response,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxPostsPerRequest;
        if (batch.Posts is not { Length: > 0 } posts || posts.Length > limit || posts.Any(p => p is null))
        {
            var problem = batch.Posts switch
            {
                null or [] => "send at least one post in posts.",
                { Length: var n } when n > limit => $"holds {n:N0} posts; at most {limit:N0} may be sent in one request (Moderation:Ingest:MaxPostsPerRequest): split it.",
                _ => "holds a null where a post should be.",
            };
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["posts"] = [$"posts {problem}"] }, title: "The batch is malformed; nothing was stored.");
        }

        // Counted per post, against the operator's allowance for batches.
        if (allowance.Take(user.OperatorId() ?? user.Identity?.Name ?? "unknown", posts.Length) is { } wait)
        {
            var seconds = Security.SecurityRegistration.RetryAfterSeconds(wait);
            response.Headers.RetryAfter = seconds;
            return TypedResults.Problem(
                $"At most {security.Value.PostsPerOperatorPerSecond} posts a second (bursts of {allowance.Burst}) are accepted in batches from one operator ({Security.SecurityOptions.Section}:PostsPerOperatorPerSecond); this batch of {posts.Length} was not stored. Send it again after {seconds} s, as Retry-After says, or in smaller batches.",
                statusCode: StatusCodes.Status429TooManyRequests, title: "Too many posts; this batch was not stored.");
        }

        var now = time.GetUtcNow();
        var results = new BatchItemResult[posts.Length];
        var admitted = new List<(int Index, Task Stored)>();
        // A forum's batch is mostly for a few boards: each is looked up once.
        var seen = new Dictionary<string, Board?>(StringComparer.Ordinal);
        for (var i = 0; i < posts.Length; i++)
        {
            var refusal = await AdmitAsync(posts[i], user, id => LookUpOnceAsync(seen, boards, id, cancellationToken), now);
            if (refusal is not null)
            {
                results[i] = new BatchItemResult(i, posts[i].BoardId, posts[i].PostId, posts[i].Revision, "rejected", null, refusal.Status, refusal.Title, refusal.Detail, refusal.Code, refusal.Errors);
                continue;
            }

            admitted.Add((i, batcher.SubmitAsync(PostRecords.FromSubmission(posts[i], now), posts[i], cancellationToken)));
        }

        foreach (var (index, stored) in admitted)
        {
            // A post that could not be stored or queued fails the request, as a single submission would:
            // the forum sends the batch again, and the posts already stored are kept once.
            await stored;
            var accepted = Accepted(posts[index]);
            results[index] = new BatchItemResult(index, accepted.BoardId, accepted.PostId, accepted.Revision, accepted.Status, accepted.Location, StatusCodes.Status202Accepted);
        }

        return TypedResults.Ok(new BatchSubmissionResult(admitted.Count, posts.Length - admitted.Count, results));
    }

    /// <summary>Why a post may not be stored, or null: malformed (one message per field), another operator's board, a board that may not publish.</summary>
    private static async Task<Refusal?> AdmitAsync(PostSubmitted post, ClaimsPrincipal user, Func<string, Task<Board?>> findBoard, DateTimeOffset now)
    {
        var problems = PostSubmittedValidator.Validate(post, now);
        if (problems.Count > 0)
        {
            return new Refusal(StatusCodes.Status400BadRequest, "The post is malformed; nothing was stored.", "One or more fields are malformed.", null,
                problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()));
        }

        var board = await findBoard(post.BoardId);
        // Checked before the board's status, so a key learns nothing about boards that are not its operator's.
        if (board is not null && board.OperatorId != user.OperatorId())
        {
            return new Refusal(StatusCodes.Status403Forbidden, "Not your board.",
                $"Board '{post.BoardId}' is not run by operator '{user.OperatorId()}', whose key sent this post. Submit with the API key issued to the board's operator.");
        }

        return BoardAdmission.Refusal(post.BoardId, board) is { } refusal
            ? new Refusal(StatusCodes.Status422UnprocessableEntity, "The board may not publish.", refusal.Reason, refusal.Code.ToString())
            : null;
    }

    private static async Task<Board?> LookUpOnceAsync(Dictionary<string, Board?> seen, BoardDirectory boards, string boardId, CancellationToken cancellationToken)
    {
        if (!seen.TryGetValue(boardId, out var board))
        {
            seen[boardId] = board = await boards.FindAsync(boardId, cancellationToken);
        }

        return board;
    }

    private static SubmissionAccepted Accepted(PostSubmitted post)
    {
        var location = $"/api/v1/boards/{Uri.EscapeDataString(post.BoardId)}/posts/{Uri.EscapeDataString(post.PostId)}";
        return new SubmissionAccepted(post.BoardId, post.PostId, post.Revision, "queued", location);
    }

    private sealed record Refusal(int Status, string Title, string Detail, string? Code = null, Dictionary<string, string[]>? Errors = null);

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
