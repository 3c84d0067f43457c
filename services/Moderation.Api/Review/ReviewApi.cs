using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Moderation.Api.Review.Cases;
using Moderation.Api.Review.Claim;
using Moderation.Api.Review.ClaimNext;
using Moderation.Api.Review.Decide;
using Moderation.Api.Review.DecideMany;
using Moderation.Api.Review.Listing;
using Moderation.Api.Review.Reasons;
using Moderation.Api.Review.Release;
using Moderation.Api.Review.SecondLook;
using Moderation.Api.Security;
using Moderation.Security;
using Moderation.Contracts;

namespace Moderation.Api.Review;

/// <summary>
/// The review queue over HTTP, each endpoint one slice (the pages use the same slices): list with
/// filters and keyset paging, a case, claim and release, decide, decide a selection.
/// </summary>
public static class ReviewApi
{
    public static RouteGroupBuilder MapReviewApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/review").WithTags("Review");
        group.MapGet("/cases", ListAsync);
        group.MapGet("/cases/{caseId:long}", GetAsync);
        group.MapPost("/cases/{caseId:long}/claim", ClaimAsync);
        group.MapDelete("/cases/{caseId:long}/claim", ReleaseAsync);
        group.MapPost("/cases/{caseId:long}/decision", DecideAsync);
        group.MapPost("/decisions", DecideManyAsync);
        group.MapGet("/selection", SelectAsync);
        group.MapPost("/claims/next", ClaimNextAsync);
        group.MapGet("/reasons", ReasonsAsync);
        group.MapPut("/reasons/{boardId}", ReplaceReasonsAsync).RequireAuthorization(AccessPolicies.Admin);
        return group;
    }

    /// <summary>Filters: board, category, minScore, maxScore, minAge / maxAge (e.g. 01:00:00), q (text), post, author, state, sort (priority, score, oldest), after, limit.</summary>
    internal static async Task<Results<Ok<CasePage>, ValidationProblem>> ListAsync(
        ClaimsPrincipal user, ListCases cases, TimeProvider time, HttpRequest request, CancellationToken cancellationToken)
    {
        var filter = QueueQuery.Parse(request.Query, time.GetUtcNow(), out var problems);
        if (problems.Count > 0)
        {
            return TypedResults.ValidationProblem(problems, title: "The queue filter is not valid.");
        }

        return TypedResults.Ok(await cases.ListAsync(user, filter, cancellationToken));
    }

    internal static async Task<Results<Ok<CaseDetailView>, ProblemHttpResult>> GetAsync(long caseId, ClaimsPrincipal user, CaseAccess cases, CaseViews views, CancellationToken cancellationToken)
    {
        var detail = await cases.FindAsync(user, caseId, cancellationToken);
        if (detail is not null)
        {
            await views.RecordAsync(caseId, user.ActorName(), cancellationToken);
        }

        return detail is null
            ? NotFound(caseId)
            : TypedResults.Ok(new CaseDetailView(detail.Case, detail.Title, detail.Body, detail.AuthorId, detail.SubmittedAt, detail.Reasons(), detail.RuleSetVersion, detail.ScanAction, [.. detail.Posts.Select(CasePostView.Of)]));
    }

    internal static async Task<Results<Ok<ClaimView>, ProblemHttpResult>> ClaimAsync(long caseId, ClaimsPrincipal user, ClaimCase claims, CancellationToken cancellationToken)
    {
        var claim = await claims.ClaimAsync(user, caseId, cancellationToken);
        if (claim is null)
        {
            return NotFound(caseId);
        }

        return claim.Claimed
            ? TypedResults.Ok(new ClaimView(caseId, claim.Version, claim.ExpiresAt!.Value, claim.HeldBy!))
            : TypedResults.Problem(claim.Refusal, statusCode: StatusCodes.Status409Conflict, title: "The case is not free.",
                extensions: new Dictionary<string, object?> { ["claimedBy"] = claim.HeldBy, ["claimExpiresAt"] = claim.ExpiresAt });
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> ReleaseAsync(long caseId, [FromQuery] int version, ClaimsPrincipal user, ReleaseClaim release, CancellationToken cancellationToken)
    {
        var released = await release.ReleaseAsync(user, caseId, version, cancellationToken);
        return released switch
        {
            null => NotFound(caseId),
            true => TypedResults.NoContent(),
            false => TypedResults.Problem($"You hold no claim with token {version} on case {caseId}.", statusCode: StatusCodes.Status409Conflict, title: "No such claim."),
        };
    }

    internal static async Task<Results<Ok<DecisionView>, ValidationProblem, ProblemHttpResult>> DecideAsync(
        long caseId, DecisionBody body, ClaimsPrincipal user, DecideCase decide, CancellationToken cancellationToken)
    {
        var problems = Validate(body.Decision, body.Reason);
        CheckRequestId(problems, body.RequestId, required: false);
        if (body.Version is null)
        {
            problems["version"] = ["version is missing: send the version the claim returned (POST …/claim)."];
        }

        if (problems.Count > 0)
        {
            return TypedResults.ValidationProblem(problems, title: "The decision is incomplete; nothing was decided.");
        }

        var result = await decide.DecideAsync(user, caseId, body.Version!.Value, body.Decision!, body.Reason!, body.RequestId, body.SecondLook == true, cancellationToken);
        return result switch
        {
            null or { Outcome: DecisionOutcome.NotFound } => NotFound(caseId),
            { Outcome: DecisionOutcome.SecondLookNeeded } => TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["secondLook"] = [result.Refusal!] }, title: "A removed post is released only after a second look; nothing was decided."),
            { Outcome: DecisionOutcome.Refused } => TypedResults.Problem(result.Refusal, statusCode: StatusCodes.Status409Conflict, title: "Not decided."),
            _ => TypedResults.Ok(View(result)),
        };
    }

    internal static async Task<Results<Ok<BulkItemResult[]>, ValidationProblem>> DecideManyAsync(BulkDecisionBody body, ClaimsPrincipal user, DecideManyCases decideMany, CancellationToken cancellationToken)
    {
        var problems = Validate(body.Decision, body.Reason);
        if (body.CaseIds is not { Length: > 0 and <= DecideManyCases.MaxCases })
        {
            problems["caseIds"] = [string.Create(CultureInfo.InvariantCulture, $"caseIds must list between 1 and {DecideManyCases.MaxCases} cases (GET …/selection lists those a filter matches).")];
        }

        CheckRequestId(problems, body.RequestId, required: true);

        if (problems.Count > 0)
        {
            return TypedResults.ValidationProblem(problems, title: "The decision is incomplete; nothing was decided.");
        }

        return TypedResults.Ok((await decideMany.DecideAsync(user, body.CaseIds!, body.Decision!, body.Reason!.Trim(), body.RequestId!, body.ReleaseRemoved == true, cancellationToken)).ToArray());
    }

    /// <summary>
    /// "Select all matching": the open cases a queue filter (the listing's parameters) matches, counted
    /// on the server; listed when no more than a bulk decision takes, with the ones the scan removed.
    /// </summary>
    internal static async Task<Results<Ok<SelectionView>, ValidationProblem>> SelectAsync(
        ClaimsPrincipal user, SelectCases select, TimeProvider time, HttpRequest request, CancellationToken cancellationToken)
    {
        var filter = QueueQuery.Parse(request.Query, time.GetUtcNow(), out var problems);
        if (problems.Count > 0)
        {
            return TypedResults.ValidationProblem(problems, title: "The queue filter is not valid.");
        }

        var selection = await select.MatchingAsync(user, filter, cancellationToken);
        return TypedResults.Ok(new SelectionView(selection.Count, selection.Limit, selection.WithinLimit,
            [.. selection.Cases.Select(c => c.CaseId)],
            [.. selection.Cases.Where(c => c.Kind == Moderation.Storage.Review.ReviewCaseKind.Remove).Select(c => c.CaseId)]));
    }

    /// <summary>Claims the most urgent free case a queue filter matches (the listing's parameters).</summary>
    internal static async Task<Results<Ok<ClaimView>, ValidationProblem, ProblemHttpResult>> ClaimNextAsync(
        ClaimsPrincipal user, ClaimNextCase next, TimeProvider time, HttpRequest request, CancellationToken cancellationToken)
    {
        var filter = QueueQuery.Parse(request.Query, time.GetUtcNow(), out var problems);
        if (problems.Count > 0)
        {
            return TypedResults.ValidationProblem(problems, title: "The queue filter is not valid.");
        }

        return await next.ClaimAsync(user, filter, cancellationToken) is { } claimed
            ? TypedResults.Ok(new ClaimView(claimed.CaseId, claimed.Claim.Version, claimed.Claim.ExpiresAt!.Value, claimed.Claim.HeldBy!))
            : TypedResults.Problem("No open case of this filter is free: every one is decided or held by another moderator.", statusCode: StatusCodes.Status404NotFound, title: "Nothing to claim.");
    }

    /// <summary>The canned reasons of the caller's boards (or of one, <c>board</c>).</summary>
    internal static async Task<Results<Ok<IReadOnlyDictionary<string, IReadOnlyList<string>>>, ValidationProblem>> ReasonsAsync(
        string? board, ClaimsPrincipal user, ListCases cases, CannedReasons reasons, CancellationToken cancellationToken)
    {
        if (board is not null && WireText.IdProblem("board", board) is { } problem)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["board"] = [problem] });
        }

        var boards = (await cases.BoardsAsync(user, cancellationToken)).Select(b => b.BoardId).Where(b => board is null || b == board).ToList();
        return TypedResults.Ok(await reasons.ForBoardsAsync(boards, cancellationToken));
    }

    /// <summary>Replaces a board's canned reasons (administrators): <c>{"reasons": ["…", …]}</c>.</summary>
    internal static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> ReplaceReasonsAsync(
        string boardId, CannedReasonsBody body, ClaimsPrincipal user, ListCases cases, CannedReasons reasons, CancellationToken cancellationToken)
    {
        if (!(await cases.BoardsAsync(user, cancellationToken)).Any(b => b.BoardId == boardId))
        {
            return TypedResults.Problem($"There is no board {WireText.Printable(boardId)}.", statusCode: StatusCodes.Status404NotFound, title: "Board not found.");
        }

        if (body.Reasons is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reasons"] = ["reasons is missing: send the board's whole list, [] to clear it."] });
        }

        var list = CannedReasons.Normalise(body.Reasons);
        if (CannedReasons.Problems(list) is { Count: > 0 } problems)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reasons"] = [.. problems] }, title: "The canned reasons were not saved.");
        }

        await reasons.ReplaceAsync(boardId, list, user.ActorName(), cancellationToken);
        return TypedResults.NoContent();
    }

    internal static Dictionary<string, string[]> Validate(string? decision, string? reason)
    {
        var problems = new Dictionary<string, string[]>();
        if (decision is null || !ReviewDecisionKind.All.Contains(decision))
        {
            problems["decision"] = [$"decision must be one of {string.Join(", ", ReviewDecisionKind.All)}."];
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            problems["reason"] = ["reason is missing: say why, for the audit log and the training data."];
        }
        else if (reason.Length > DecisionRequest.MaxReasonLength)
        {
            problems["reason"] = [string.Create(CultureInfo.InvariantCulture, $"reason is {reason.Length} characters long; at most {DecisionRequest.MaxReasonLength}.")];
        }

        return problems;
    }

    /// <summary>The client's id of a decision request: an id (<see cref="WireText.IdCharacterSet"/>) of at most <see cref="DecisionRequest.MaxRequestIdLength"/> characters.</summary>
    internal static void CheckRequestId(Dictionary<string, string[]> problems, string? requestId, bool required)
    {
        if (string.IsNullOrWhiteSpace(requestId))
        {
            if (required)
            {
                problems["requestId"] = [string.Create(CultureInfo.InvariantCulture, $"requestId is missing: send an id of your own (up to {DecisionRequest.MaxRequestIdLength} characters, such as a UUID) so a retry does not decide twice.")];
            }
        }
        else if (WireText.IdProblem("requestId", requestId, DecisionRequest.MaxRequestIdLength) is { } problem)
        {
            problems["requestId"] = [problem];
        }
    }

    private static DecisionView View(DecisionResult result)
    {
        var d = result.Decision!;
        return new DecisionView(d.DecisionId, d.CaseId, d.Decision, d.Reason, d.DecidedBy, d.DecidedAt, d.CaseVersion, result.Outcome == DecisionOutcome.Replayed, result.IncidentId);
    }

    private static ProblemHttpResult NotFound(long caseId) =>
        TypedResults.Problem($"There is no case {caseId} in your queue.", statusCode: StatusCodes.Status404NotFound, title: "Case not found.");
}
