using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Moderation.Api.Review;
using Moderation.Api.Review.Claim;
using Moderation.Api.Review.ClaimNext;
using Moderation.Api.Review.Listing;
using Moderation.Api.Review.Reasons;
using Moderation.Api.Security;
using Moderation.Detection;
using Moderation.Storage.Review;

namespace Moderation.Api.Pages.Queue;

/// <summary>
/// The review queue: filters and search, sort, keyset pages, claim, claim next, and a selection (ticked
/// or all matching) sent to <c>/queue/bulk</c> for its confirmation.
/// </summary>
[Authorize(Policy = AccessPolicies.Moderator)]
public sealed class IndexModel(ListCases cases, ClaimCase claims, ClaimNextCase claimNext, CannedReasons reasons, IOptions<ReviewQueueOptions> options, TimeProvider time) : PageModel
{
    public static readonly IReadOnlyList<string> Categories =
    [
        RuleCategories.SecrecyMarking, RuleCategories.DocumentNumber, RuleCategories.InternalCirculation,
        RuleCategories.ForeignBanner, RuleCategories.Military, RuleCategories.Custom, RuleCategories.Fingerprint,
    ];

    public CaseFilter Filter { get; private set; } = new();

    public CasePage Cases { get; private set; } = new([], null);

    public long Total { get; private set; }

    public IReadOnlyList<(string BoardId, string Name)> Boards { get; private set; } = [];

    public Dictionary<string, string[]> Problems { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    public TimeSpan Sla => options.Value.Sla;

    /// <summary>The canned reasons of the boards listed, offered in the bulk form.</summary>
    public IReadOnlyList<string> Reasons { get; private set; } = [];

    /// <summary>The filter as a query string, carried to cases, the bulk confirmation and back.</summary>
    public string FilterQuery => QueueLinks.FilterOf(Request.Query);

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Now = time.GetUtcNow();
        Filter = QueueQuery.Parse(Request.Query, Now, out var problems);
        Problems = problems;
        // A filter value out of range is shown as a problem and left out, so the page still lists.
        Cases = await cases.ListAsync(User, Filter, cancellationToken);

        Total = await cases.CountAsync(User, Filter, cancellationToken);
        Boards = await cases.BoardsAsync(User, cancellationToken);
        var listed = Filter.Board is { } board ? [board] : Boards.Select(b => b.BoardId).ToList();
        Reasons = [.. (await reasons.ForBoardsAsync(listed, cancellationToken)).Values.SelectMany(r => r).Distinct(StringComparer.Ordinal)];
    }

    public async Task<IActionResult> OnPostClaimAsync(long caseId, CancellationToken cancellationToken)
    {
        var claim = await claims.ClaimAsync(User, caseId, cancellationToken);
        if (claim is null)
        {
            return NotFound();
        }

        if (!claim.Claimed)
        {
            Message = claim.Refusal;
            return Redirect(QueueLinks.Queue(FilterQuery));
        }

        return Redirect(QueueLinks.Case(caseId, FilterQuery));
    }

    /// <summary>Claims the filter's most urgent free case and opens it; each decision there claims the next.</summary>
    public async Task<IActionResult> OnPostClaimNextAsync(CancellationToken cancellationToken)
    {
        var filter = QueueQuery.Parse(Request.Query, time.GetUtcNow(), out _);
        if (await claimNext.ClaimAsync(User, filter, cancellationToken) is not { } next)
        {
            Message = "Nothing to claim: every open case of this filter is decided or held by another moderator.";
            return Redirect(QueueLinks.Queue(FilterQuery));
        }

        return Redirect(QueueLinks.Case(next.CaseId, FilterQuery, advance: true));
    }

    public string PageLink(string? after)
    {
        var query = Request.Query.Where(q => q.Key != "after").ToDictionary(q => q.Key, q => q.Value.ToString());
        if (after is not null)
        {
            query["after"] = after;
        }

        return "/queue" + QueryString.Create(query!).ToUriComponent();
    }
}
