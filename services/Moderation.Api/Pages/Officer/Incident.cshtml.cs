using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Moderation.Api.Incidents;
using Moderation.Api.Security;
using Moderation.Security;
using Moderation.Storage.Incidents;
using Moderation.Storage.Notifications;

namespace Moderation.Api.Pages.Officer;

/// <summary>One incident: what was found (masked), the measures with their times, each notification's delivery, acknowledgement.</summary>
[Authorize(Policy = AccessPolicies.Officer)]
public sealed class IncidentModel(IncidentRepository incidents, NotificationOutbox notifications) : PageModel
{
    public IncidentSummary Incident { get; private set; } = null!;

    public IReadOnlyList<MeasureRecord> Measures { get; private set; } = [];

    public IReadOnlyList<NotificationStatus> Notifications { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(long incidentId, CancellationToken cancellationToken)
    {
        if (await IncidentsApi.FindInAreaAsync(incidentId, User, incidents, cancellationToken) is not { } incident)
        {
            return NotFound();
        }

        Incident = incident;
        Measures = await incidents.MeasuresAsync(incidentId, cancellationToken);
        Notifications = await notifications.ListForIncidentAsync(incidentId, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAcknowledgeAsync(long incidentId, CancellationToken cancellationToken)
    {
        if (await IncidentsApi.FindInAreaAsync(incidentId, User, incidents, cancellationToken) is null)
        {
            return NotFound();
        }

        foreach (var notification in await notifications.ListForIncidentAsync(incidentId, cancellationToken))
        {
            await notifications.AcknowledgeAsync(notification.NotificationId, User.ActorName(), "Acknowledged in the officers' portal", cancellationToken);
        }

        Message = "Acknowledged: the incident records you as having received it.";
        return Redirect($"/officer/incidents/{incidentId}");
    }
}
