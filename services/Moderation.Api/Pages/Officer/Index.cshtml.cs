using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Moderation.Api.Incidents;
using Moderation.Api.Review.Cases;
using Moderation.Api.Review.Listing;
using Moderation.Api.Security;
using Moderation.Security;
using Moderation.Verdicts.Divisions;
using Moderation.Storage.Incidents;
using Moderation.Storage.Notifications;
using Moderation.Storage.Orders;

namespace Moderation.Api.Pages.Officer;

/// <summary>
/// The officer's desk: incidents of the jurisdiction, dead-lettered notifications (alerts), cases
/// moderators escalated, and orders past their deadline. Nothing outside the jurisdiction is shown.
/// </summary>
[Authorize(Policy = AccessPolicies.Officer)]
public sealed class IndexModel(IncidentRepository incidents, NotificationOutbox notifications, ListCasesSql review, OrderRepository orders, TimeProvider time) : PageModel
{
    public string Area { get; private set; } = "";

    public IReadOnlyList<IncidentSummary> Incidents { get; private set; } = [];

    public IReadOnlyList<NotificationStatus> DeadLetters { get; private set; } = [];

    public IReadOnlyList<ReviewCaseSummary> Escalated { get; private set; } = [];

    public int OverdueOrders { get; private set; }

    public DateTimeOffset Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (User.Area() is not { } area)
        {
            return Forbid();
        }

        Area = area;
        Now = time.GetUtcNow();
        Incidents = await incidents.ListAsync(area, 200, cancellationToken);
        DeadLetters = await notifications.ListDeadLetteredAsync([area], 50, cancellationToken);
        Escalated = (await review.ListAsync(new CaseFilter
        {
            Status = ReviewCaseStatus.Escalated,
            ScopeDivisionPrefix = DivisionCode.AreaPrefix(area),
            Sort = CaseSort.Oldest,
            Limit = 100,
        }, cancellationToken)).Cases;
        OverdueOrders = (await orders.ListTakedownsAsync(area, 200, cancellationToken)).Count(o => o.IsOverdue(Now))
            + (await orders.ListRectificationsAsync(area, 200, cancellationToken)).Count(o => o.IsOverdue(Now) && o.SuspendedAt is null);
        return Page();
    }
}
