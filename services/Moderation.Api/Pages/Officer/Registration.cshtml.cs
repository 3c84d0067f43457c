using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Moderation.Api.Registrations;
using Moderation.Api.Registrations.Rules;
using Moderation.Api.Security;

namespace Moderation.Api.Pages.Officer;

/// <summary>
/// One application or board of the officer's area: the form, the deadline, the history, the
/// decisions the officer may make now (each with a reason), and the board's incidents and orders.
/// One outside the area is not found, as in the JSON API.
/// </summary>
[Authorize(Policy = AccessPolicies.Officer)]
public sealed class RegistrationModel(RegistrationWorkflow workflow, BoardRegister register, TimeProvider time) : PageModel
{
    public BoardApplication Application { get; private set; } = null!;

    public BoardDetail? Board { get; private set; }

    public IReadOnlyList<Transition> Next { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(string applicationId, CancellationToken cancellationToken) =>
        await LoadAsync(applicationId, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string applicationId, string? transition, string? reason, int? version, CancellationToken cancellationToken)
    {
        if (!Enum.TryParse<Transition>(transition, out var chosen) || chosen == Transition.Submit)
        {
            Problem = "Choose a decision.";
        }
        else
        {
            switch (await workflow.DecideAsync(RegistrationCaller.Of(User), applicationId, chosen, reason, version, cancellationToken))
            {
                case RegistrationOutcome.Done done:
                    Message = $"{done.Application.BoardId} is now {done.Application.Status}.";
                    return Redirect($"/officer/registrations/{applicationId}");
                case RegistrationOutcome.NotFound:
                    return NotFound();
                case RegistrationOutcome.Invalid invalid:
                    Problem = string.Join(" ", invalid.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"));
                    break;
                case RegistrationOutcome.Conflict conflict:
                    Problem = conflict.Problem;
                    break;
            }
        }

        return await LoadAsync(applicationId, cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(string applicationId, CancellationToken cancellationToken)
    {
        var caller = RegistrationCaller.Of(User);
        if (await workflow.FindForOfficerAsync(caller, applicationId, cancellationToken) is not { } application)
        {
            return false;
        }

        Application = application;
        Board = await register.DetailAsync(caller, application.BoardId!, cancellationToken);
        Next = RegistrationTransitions.Available(application.Status, RegistrationActor.Officer);
        Now = time.GetUtcNow();
        return true;
    }
}
