using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Moderation.Api.Registrations;
using Moderation.Api.Registrations.Rules;
using Moderation.Api.Security;

namespace Moderation.Api.Pages.Registrations;

/// <summary>The organizer's applications and boards, what they were told of each decision, and a new application.</summary>
[Authorize(Policy = AccessPolicies.Organizer)]
public sealed class IndexModel(RegistrationWorkflow workflow, TimeProvider time) : PageModel
{
    public IReadOnlyList<BoardApplication> Applications { get; private set; } = [];

    public IReadOnlyList<RegistrationNotice> Notices { get; private set; } = [];

    public IDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public DateTimeOffset Now { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(string? boardId, string? boardName, CancellationToken cancellationToken)
    {
        var outcome = await workflow.SaveDraftAsync(RegistrationCaller.Of(User), null, new ApplicationForm { BoardId = boardId, BoardName = boardName }, null, cancellationToken);
        if (outcome is RegistrationOutcome.Done done)
        {
            return Redirect($"/registrations/{done.Application.ApplicationId}");
        }

        Errors = outcome is RegistrationOutcome.Invalid invalid ? invalid.Errors : new Dictionary<string, string[]> { [""] = [outcome.ToString()] };
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var caller = RegistrationCaller.Of(User);
        Now = time.GetUtcNow();
        Applications = await workflow.ListForOrganizerAsync(caller, cancellationToken);
        Notices = await workflow.NoticesAsync(caller, cancellationToken);
    }
}
