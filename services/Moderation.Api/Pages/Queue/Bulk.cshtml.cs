using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Moderation.Api.Review;
using Moderation.Api.Review.Cases;
using Moderation.Api.Review.Decide;
using Moderation.Api.Review.DecideMany;
using Moderation.Api.Review.Listing;
using Moderation.Api.Review.SecondLook;
using Moderation.Api.Security;
using Moderation.Contracts;
using Moderation.Security;
using Moderation.Storage.Review;

namespace Moderation.Api.Pages.Queue;

/// <summary>
/// A bulk decision in two steps. The queue's form comes here first: the selection is resolved on the
/// server (the ticked cases, or every open case the filter matches, up to the limit) and shown with
/// its count and decision, nothing decided. Only the confirmation, which repeats the count it was shown,
/// decides. Releasing cases the scan removed needs its own tick and each case opened before.
/// </summary>
[Authorize(Policy = AccessPolicies.Moderator)]
public sealed class BulkModel(SelectCases select, DecideManyCases decideMany, CaseViews views, TimeProvider time) : PageModel
{
    public CaseSelection Selection { get; private set; } = new(0, DecideManyCases.MaxCases, []);

    public string Decision { get; private set; } = "";

    public string Reason { get; private set; } = "";

    public string RequestId { get; } = Guid.NewGuid().ToString("N");

    /// <summary>The cases of the selection the scan removed, when the decision is a release.</summary>
    public IReadOnlyList<ReviewCaseSummary> RemovedToRelease { get; private set; } = [];

    /// <summary>Which of <see cref="RemovedToRelease"/> the caller has not opened.</summary>
    public IReadOnlySet<long> NotOpened { get; private set; } = new HashSet<long>();

    public string FilterQuery => QueueLinks.FilterOf(Request.Query);

    [TempData]
    public string? Message { get; set; }

    public IActionResult OnGet() => Redirect(QueueLinks.Queue(FilterQuery));

    /// <summary>The first step: what would be decided. Nothing is claimed or decided here.</summary>
    public async Task<IActionResult> OnPostAsync(string? scope, long[] selected, string? decision, string? reason, CancellationToken cancellationToken)
    {
        var problems = ReviewApi.Validate(decision, reason);
        if (scope != "matching" && selected.Length == 0)
        {
            problems["selected"] = ["Select at least one case, or decide all matching the filter."];
        }

        if (problems.Count > 0)
        {
            return Back(string.Join(" ", problems.Values.SelectMany(v => v)));
        }

        if (scope == "matching")
        {
            var filter = QueueQuery.Parse(Request.Query, time.GetUtcNow(), out var filterProblems);
            if (filterProblems.Count > 0)
            {
                return Back(string.Join(" ", filterProblems.Values.SelectMany(v => v)));
            }

            Selection = await select.MatchingAsync(User, filter, cancellationToken);
        }
        else
        {
            Selection = await select.ChosenAsync(User, selected, cancellationToken);
        }

        if (!Selection.WithinLimit)
        {
            return Back(string.Create(CultureInfo.InvariantCulture, $"{Selection.Count:N0} cases match; one bulk decision takes at most {Selection.Limit}. Narrow the filter (board, category, score, search) and try again."));
        }

        if (Selection.Count == 0)
        {
            return Back("No open case matches: nothing to decide.");
        }

        Decision = decision!;
        Reason = reason!.Trim();
        await FindRemovedAsync(cancellationToken);
        return Page();
    }

    /// <summary>The second step: decides exactly the cases shown, if the count confirmed is theirs.</summary>
    public async Task<IActionResult> OnPostConfirmAsync(long[] caseIds, int? confirmedCount, string? decision, string? reason, string? requestId, bool releaseRemoved, CancellationToken cancellationToken)
    {
        var problems = ReviewApi.Validate(decision, reason);
        ReviewApi.CheckRequestId(problems, requestId, required: true);
        if (caseIds.Length is 0 or > DecideManyCases.MaxCases || confirmedCount != caseIds.Length)
        {
            problems["confirmedCount"] = ["The confirmation does not name the cases it decides: start again from the queue."];
        }

        if (problems.Count > 0)
        {
            return Back(string.Join(" ", problems.Values.SelectMany(v => v)));
        }

        var results = await decideMany.DecideAsync(User, caseIds, decision!, reason!.Trim(), requestId!, releaseRemoved, cancellationToken);
        var done = results.Count(r => r.Outcome is nameof(DecisionOutcome.Decided) or nameof(DecisionOutcome.Replayed));
        var refused = results.Where(r => r.Problem is not null).Select(r => r.Problem);
        return Back(string.Create(CultureInfo.InvariantCulture, $"{decision}: {done} of {results.Count} case(s) decided.")
            + (done < results.Count ? " Not decided: " + string.Join(" ", refused) : ""));
    }

    private async Task FindRemovedAsync(CancellationToken cancellationToken)
    {
        RemovedToRelease = [.. Selection.Cases.Where(c => SecondLookRule.Applies(Decision, c))];
        var opened = await views.OpenedAsync([.. RemovedToRelease.Select(c => c.CaseId)], User.ActorName(), cancellationToken);
        NotOpened = RemovedToRelease.Select(c => c.CaseId).Where(id => !opened.Contains(id)).ToHashSet();
    }

    private RedirectResult Back(string message)
    {
        Message = message;
        return Redirect(QueueLinks.Queue(FilterQuery));
    }
}
