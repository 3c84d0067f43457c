using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Moderation.Api.Registrations;
using Moderation.Api.Security;

namespace Moderation.Api.Pages.Officer;

/// <summary>The review inbox: applications and boards of the officer's area, those awaiting a decision first, earliest deadline first.</summary>
[Authorize(Policy = AccessPolicies.Officer)]
public sealed class RegistrationsModel(RegistrationWorkflow workflow, TimeProvider time) : PageModel
{
    public IReadOnlyList<BoardApplication> Applications { get; private set; } = [];

    public string Area { get; private set; } = "";

    public DateTimeOffset Now { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var caller = RegistrationCaller.Of(User);
        if (caller.Area is not { } area)
        {
            return Forbid();
        }

        Area = area;
        Now = time.GetUtcNow();
        if (!RegistrationsApi.TryStatuses(Status, out var statuses, out var problem))
        {
            Problem = problem;
            return Page();
        }

        Applications = await workflow.ListForAreaAsync(caller, statuses, Q, cancellationToken) ?? [];
        return Page();
    }
}
