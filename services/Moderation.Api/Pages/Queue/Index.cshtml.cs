using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Moderation.Api.Review;
using Moderation.Api.Review.Claim;
using Moderation.Api.Review.Decide;
using Moderation.Api.Review.DecideMany;
using Moderation.Api.Review.Listing;
using Moderation.Api.Security;
using Moderation.Contracts;
using Moderation.Detection;
using Moderation.Storage.Review;

namespace Moderation.Api.Pages.Queue;

/// <summary>The review queue: filters, sort, keyset pages, claim, and one decision for a selection.</summary>
[Authorize(Policy = AccessPolicies.Moderator)]
public sealed class IndexModel(ListCases cases, ClaimCase claims, DecideManyCases decideMany, IOptions<ReviewQueueOptions> options, TimeProvider time) : PageModel
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

    [TempData]
    public string? Message { get; set; }

    public string RequestId { get; } = Guid.NewGuid().ToString("N");

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Now = time.GetUtcNow();
        Filter = QueueQuery.Parse(Request.Query, Now, out var problems);
        Problems = problems;
        // A filter value out of range is shown as a problem and left out, so the page still lists.
        Cases = await cases.ListAsync(User, Filter, cancellationToken);

        Total = await cases.CountAsync(User, Filter, cancellationToken);
        Boards = await cases.BoardsAsync(User, cancellationToken);
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
            return Redirect("/queue");
        }

        return Redirect(string.Create(CultureInfo.InvariantCulture, $"/cases/{caseId}"));
    }

    public async Task<IActionResult> OnPostBulkAsync(long[] selected, string? decision, string? reason, string? requestId, CancellationToken cancellationToken)
    {
        var problems = ReviewApi.Validate(decision, reason);
        if (selected.Length == 0)
        {
            problems["selected"] = ["Select at least one case."];
        }

        if (problems.Count > 0)
        {
            Message = string.Join(" ", problems.Values.SelectMany(v => v));
            return Redirect("/queue");
        }

        var results = await decideMany.DecideAsync(User, selected, decision!, reason!.Trim(), WireText.IsId(requestId, DecisionRequest.MaxRequestIdLength) ? requestId! : Guid.NewGuid().ToString("N"), cancellationToken);
        var done = results.Count(r => r.Outcome is "Decided" or "Replayed");
        var refused = results.Where(r => r.Problem is not null).Select(r => $"case {r.CaseId}: {r.Problem}");
        Message = $"{decision}: {done} of {results.Count} case(s) decided." + (done < results.Count ? " Not decided: " + string.Join(" ", refused) : "");
        return Redirect("/queue");
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
