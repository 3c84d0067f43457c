using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Moderation.Api.Registrations;
using Moderation.Api.Registrations.Rules;
using Moderation.Api.Security;
using Moderation.Onboarding;

namespace Moderation.Api.Pages.Registrations;

/// <summary>
/// One application as its organizer sees it: the form (editable as a draft or when changes were
/// requested), submission, the review deadline, the history, and an approved board's credentials,
/// shown once on the answer to the request that made them.
/// </summary>
[Authorize(Policy = AccessPolicies.Organizer)]
public sealed class ApplicationModel(RegistrationWorkflow workflow, TimeProvider time) : PageModel
{
    public BoardApplication Application { get; private set; } = null!;

    public IReadOnlyList<ApplicationEvent> History { get; private set; } = [];

    public IDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public string? Problem { get; private set; }

    [TempData]
    public string? Message { get; set; }

    /// <summary>Set only on the answer that issued them.</summary>
    public IssuedCredentials? Credentials { get; private set; }

    public DateTimeOffset Now { get; private set; }

    /// <summary>The form as typed, shown again with its errors.</summary>
    public ApplicationForm Form { get; private set; } = new();

    public async Task<IActionResult> OnGetAsync(string applicationId, CancellationToken cancellationToken) =>
        await LoadAsync(applicationId, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostSaveAsync(string applicationId, [FromForm] ApplicationForm form, string? attachments, CancellationToken cancellationToken) =>
        await AnswerAsync(applicationId, await workflow.SaveDraftAsync(RegistrationCaller.Of(User), applicationId, WithAttachments(form, attachments), null, cancellationToken), "Saved.", form, attachments, cancellationToken);

    public async Task<IActionResult> OnPostSubmitAsync(string applicationId, [FromForm] ApplicationForm form, string? attachments, string? note, CancellationToken cancellationToken)
    {
        var caller = RegistrationCaller.Of(User);
        var saved = await workflow.SaveDraftAsync(caller, applicationId, WithAttachments(form, attachments), null, cancellationToken);
        return saved is RegistrationOutcome.Done
            ? await AnswerAsync(applicationId, await workflow.SubmitAsync(caller, applicationId, note, cancellationToken), "Submitted to the department.", form, attachments, cancellationToken)
            : await AnswerAsync(applicationId, saved, "", form, attachments, cancellationToken);
    }

    public async Task<IActionResult> OnPostCredentialsAsync(string applicationId, CancellationToken cancellationToken) =>
        await AnswerAsync(applicationId, await workflow.IssueCredentialsAsync(RegistrationCaller.Of(User), applicationId, cancellationToken), "", null, null, cancellationToken);

    public async Task<IActionResult> OnPostRotateAsync(string applicationId, string? overlap, CancellationToken cancellationToken)
    {
        TimeSpan? wait = null;
        if (!string.IsNullOrWhiteSpace(overlap))
        {
            if (!TimeSpan.TryParse(overlap, CultureInfo.InvariantCulture, out var parsed))
            {
                return await AnswerAsync(applicationId, new RegistrationOutcome.Invalid(new Dictionary<string, string[]> { ["overlap"] = [$"'{overlap}' is not a duration: write hh:mm:ss or d.hh:mm:ss"] }), "", null, null, cancellationToken);
            }

            wait = parsed;
        }

        return await AnswerAsync(applicationId, await workflow.RotateCredentialsAsync(RegistrationCaller.Of(User), applicationId, wait, cancellationToken), "", null, null, cancellationToken);
    }

    /// <summary>Attachments as typed in the form: one "name sha256" per line.</summary>
    public static string AttachmentLines(ApplicationForm form) =>
        string.Join("\n", (form.Attachments ?? []).Select(a => $"{a.Name} {a.Sha256}"));

    private static ApplicationForm WithAttachments(ApplicationForm form, string? lines) => form with
    {
        Attachments = [.. (lines ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.LastIndexOf(' ') is var at and > 0 ? new Attachment(l[..at], l[(at + 1)..]) : new Attachment(l, null))],
    };

    private async Task<IActionResult> AnswerAsync(string applicationId, RegistrationOutcome outcome, string message, ApplicationForm? typed, string? attachments, CancellationToken cancellationToken)
    {
        switch (outcome)
        {
            case RegistrationOutcome.Done:
                Message = message;
                return Redirect($"/registrations/{applicationId}");
            case RegistrationOutcome.Issued issued:
                Credentials = issued.Credentials;
                break;
            case RegistrationOutcome.Invalid invalid:
                Errors = invalid.Errors;
                break;
            case RegistrationOutcome.NotFound:
                return NotFound();
            case RegistrationOutcome.Conflict conflict:
                Problem = conflict.Problem;
                break;
        }

        if (!await LoadAsync(applicationId, cancellationToken))
        {
            return NotFound();
        }

        if (typed is not null)
        {
            Form = WithAttachments(typed, attachments);
        }

        return Page();
    }

    private async Task<bool> LoadAsync(string applicationId, CancellationToken cancellationToken)
    {
        if (await workflow.FindForOrganizerAsync(RegistrationCaller.Of(User), applicationId, cancellationToken) is not { } application)
        {
            return false;
        }

        Application = application;
        Form = application.Form;
        History = await workflow.HistoryAsync(application, cancellationToken);
        Now = time.GetUtcNow();
        return true;
    }
}
