using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Moderation.Api.Review;
using Moderation.Api.Review.Cases;
using Moderation.Api.Review.Claim;
using Moderation.Api.Review.ClaimNext;
using Moderation.Api.Review.Decide;
using Moderation.Api.Pages.Queue;
using Moderation.Api.Review.Reasons;
using Moderation.Api.Review.Release;
using Moderation.Api.Review.SecondLook;
using Moderation.Api.Security;
using Moderation.Contracts;
using Moderation.Security;
using Moderation.Storage.Audit;

namespace Moderation.Api.Pages.Cases;

/// <summary>One case: the post with its matches marked (or, once purged, the evidence kept), its reposts, the reasons and score, the author's and the board's history; claim and decide.</summary>
[Authorize(Policy = AccessPolicies.Moderator)]
public sealed class DetailModel(
    CaseAccess cases,
    DecisionHistory history,
    AuthorHistory authors,
    ClaimCase claims,
    ReleaseClaim release,
    DecideCase decide,
    AuditLog audit,
    CaseViews views,
    CannedReasons cannedReasons,
    ClaimNextCase claimNext,
    TimeProvider time) : PageModel
{
    /// <summary>The queue filter the case was opened from (<see cref="QueueLinks"/>), kept through every form.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Queue { get; set; }

    /// <summary>"1" when reached by "claim next": a decision claims the filter's next case.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Advance { get; set; }

    public bool Advancing => Advance == "1";

    /// <summary>The board's canned reasons, offered beside the reason field.</summary>
    public IReadOnlyList<string> OfferedReasons { get; private set; } = [];

    public ReviewCaseDetail Detail { get; private set; } = null!;

    public IReadOnlyList<VerdictReason> Reasons { get; private set; } = [];

    public IReadOnlyList<ReviewDecisionRecord> PostHistory { get; private set; } = [];

    public IReadOnlyList<ReviewDecisionRecord> BoardHistory { get; private set; } = [];

    public IReadOnlyList<AuditRecord> Trail { get; private set; } = [];

    /// <summary>The author's other posts on the board, with their cases.</summary>
    public IReadOnlyList<AuthorPost> AuthorPosts { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    /// <summary>The caller's claim token when they hold the case now.</summary>
    public int? MyClaim { get; private set; }

    public string RequestId { get; } = Guid.NewGuid().ToString("N");

    public TimeSpan Lease => claims.Lease;

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(long caseId, CancellationToken cancellationToken)
    {
        var detail = await cases.FindAsync(User, caseId, cancellationToken);
        if (detail is null)
        {
            return NotFound();
        }

        Now = time.GetUtcNow();
        Detail = detail;
        // Seen: what lets this moderator release the case with others if the scan removed it.
        await views.RecordAsync(caseId, User.ActorName(), cancellationToken);
        OfferedReasons = (await cannedReasons.ForBoardsAsync([detail.Case.BoardId], cancellationToken)).GetValueOrDefault(detail.Case.BoardId) ?? [];
        Reasons = detail.Reasons();
        PostHistory = await history.ForPostAsync(detail.Case.BoardId, detail.Case.PostId, cancellationToken);
        BoardHistory = await history.RecentOnBoardAsync(detail.Case.BoardId, 10, cancellationToken);
        AuthorPosts = await authors.EarlierPostsAsync(detail.Case.BoardId, detail.AuthorId, detail.Case.PostId, 20, cancellationToken);
        Trail = await audit.ListAsync(null, 50, CaseAudit.Subject(caseId), cancellationToken);
        MyClaim = detail.Case.ClaimedBy == User.ActorName() && detail.Case.IsClaimedAt(Now) ? detail.Case.Version : null;
        return Page();
    }

    public async Task<IActionResult> OnPostClaimAsync(long caseId, CancellationToken cancellationToken)
    {
        var claim = await claims.ClaimAsync(User, caseId, cancellationToken);
        if (claim is null)
        {
            return NotFound();
        }

        Message = claim.Claimed ? $"Claimed until {claim.ExpiresAt:HH:mm:ss} UTC." : claim.Refusal;
        return Back(caseId);
    }

    public async Task<IActionResult> OnPostReleaseAsync(long caseId, int version, CancellationToken cancellationToken)
    {
        var released = await release.ReleaseAsync(User, caseId, version, cancellationToken);
        if (released is null)
        {
            return NotFound();
        }

        Message = released.Value ? "Claim given back; the case is in the queue again." : "You hold no claim on this case.";
        return Back(caseId);
    }

    public async Task<IActionResult> OnPostDecideAsync(long caseId, int version, string? decision, string? reason, string? requestId, bool secondLook, CancellationToken cancellationToken)
    {
        var problems = ReviewApi.Validate(decision, reason);
        ReviewApi.CheckRequestId(problems, requestId, required: false);
        if (problems.Count > 0)
        {
            Message = string.Join(" ", problems.Values.SelectMany(v => v));
            return Back(caseId);
        }

        var result = await decide.DecideAsync(User, caseId, version, decision!, reason!, requestId, secondLook, cancellationToken);
        if (result is null || result.Outcome == DecisionOutcome.NotFound)
        {
            return NotFound();
        }

        Message = result.Outcome switch
        {
            DecisionOutcome.Decided => $"{decision} recorded.",
            DecisionOutcome.Replayed => $"{decision} was already recorded for this request; nothing was done twice.",
            _ => result.Refusal,
        };
        if (result.Outcome is DecisionOutcome.Refused or DecisionOutcome.SecondLookNeeded)
        {
            return Back(caseId);
        }

        if (Advancing && await claimNext.ClaimAsync(User, QueueLinks.Parse(Queue, time.GetUtcNow()), cancellationToken) is { } next)
        {
            Message += $" Case {next.CaseId} is yours next.";
            return Redirect(QueueLinks.Case(next.CaseId, Queue, advance: true));
        }

        if (Advancing)
        {
            Message += " Nothing left to claim in this filter.";
        }

        return Redirect(QueueLinks.Queue(Queue));
    }

    private RedirectResult Back(long caseId) => Redirect(QueueLinks.Case(caseId, Queue, Advancing));
}
