using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Moderation.Api.Registrations.Rules;
using Moderation.Intake;
using Moderation.Onboarding;
using Moderation.Storage.Accounts;
using Moderation.Storage.Audit;
using Moderation.Storage.Boards;
using Moderation.Storage.Departments;
using Moderation.Verdicts.Divisions;

namespace Moderation.Api.Registrations;

/// <summary>
/// Board registration (Art. 10, 12), the one place its rules are applied, whichever door (JSON API,
/// pages, the standalone host's demo seed) a request comes through: organizers draft, submit and
/// amend; officers of the board's area review, approve, reject, request changes, suspend,
/// reinstate and revoke; an approved board's organizer collects and rotates its credentials. Every
/// change that decides whether a board may publish drops the board from every scanner's cache.
/// </summary>
public sealed class RegistrationWorkflow(
    RegistrationStore store,
    DepartmentRepository departments,
    ApiKeyRepository keys,
    IBrokerAccounts broker,
    BoardDirectory boards,
    AuditLog audit,
    IOptions<RegistrationOptions> options,
    TimeProvider time,
    ILogger<RegistrationWorkflow> logger)
{
    /// <summary>The organizer's own application (any, for an administrator); null for anyone else's.</summary>
    public async Task<BoardApplication?> FindForOrganizerAsync(RegistrationCaller caller, string applicationId, CancellationToken cancellationToken) =>
        await store.FindAsync(applicationId, cancellationToken) is { } application && (application.Organizer == caller.Name || caller.IsAdmin)
            ? application
            : null;

    /// <summary>A submitted application within the officer's area; null for a draft or one outside it, which the officer may not know exists.</summary>
    public async Task<BoardApplication?> FindForOfficerAsync(RegistrationCaller caller, string applicationId, CancellationToken cancellationToken) =>
        await store.FindAsync(applicationId, cancellationToken) is { } application && IsVisibleToOfficer(caller, application)
            ? application
            : null;

    /// <summary>The application of <paramref name="boardId"/>, under the same rule as <see cref="FindForOfficerAsync"/>.</summary>
    public async Task<BoardApplication?> FindBoardForOfficerAsync(RegistrationCaller caller, string boardId, CancellationToken cancellationToken) =>
        await store.FindByBoardAsync(boardId, cancellationToken) is { } application && IsVisibleToOfficer(caller, application)
            ? application
            : null;

    public static bool IsVisibleToOfficer(RegistrationCaller caller, BoardApplication application) =>
        application.Status != ApplicationStatus.Draft && caller.Area is { } area && DivisionCode.Covers(area, application.DivisionCode);

    /// <summary>Creates a draft (<paramref name="applicationId"/> null) or changes one that is a draft or awaits changes.</summary>
    public async Task<RegistrationOutcome> SaveDraftAsync(RegistrationCaller caller, string? applicationId, ApplicationForm form, int? expectedVersion, CancellationToken cancellationToken)
    {
        form = form.Normalised();
        BoardApplication? existing = null;
        if (applicationId is not null)
        {
            existing = await FindForOrganizerAsync(caller, applicationId, cancellationToken);
            if (existing is null)
            {
                return NotFound(applicationId);
            }

            if (existing.Organizer != caller.Name)
            {
                return new RegistrationOutcome.Conflict($"Application {applicationId} is {existing.Organizer}'s; only they may change it.");
            }

            if (!existing.Status.IsEditable())
            {
                return new RegistrationOutcome.Conflict($"Application {applicationId} is {existing.Status}; it can be changed only as a draft or when changes were requested.");
            }
        }

        var errors = ApplicationValidation.Validate(form, complete: false);
        await CheckAgainstOthersAsync(caller, existing, applicationId ?? "", form, errors, cancellationToken);
        if (errors.Count > 0)
        {
            return new RegistrationOutcome.Invalid(errors);
        }

        if (existing is null)
        {
            return new RegistrationOutcome.Done(await store.CreateDraftAsync(caller.Name, form, cancellationToken));
        }

        return await store.UpdateFormAsync(existing.ApplicationId, expectedVersion ?? existing.Version, form, cancellationToken)
            ? new RegistrationOutcome.Done((await store.FindAsync(existing.ApplicationId, cancellationToken))!)
            : Changed(existing.ApplicationId);
    }

    /// <summary>Hands the draft (or the amended application) to the department; every field must be right.</summary>
    public async Task<RegistrationOutcome> SubmitAsync(RegistrationCaller caller, string applicationId, string? note, CancellationToken cancellationToken)
    {
        var application = await FindForOrganizerAsync(caller, applicationId, cancellationToken);
        if (application is null)
        {
            return NotFound(applicationId);
        }

        if (application.Organizer != caller.Name)
        {
            return new RegistrationOutcome.Conflict($"Application {applicationId} is {application.Organizer}'s; only they may submit it.");
        }

        if (RegistrationTransitions.Check(application.Status, Transition.Submit, RegistrationActor.Organizer, note) is { } refusal)
        {
            return Refused(refusal);
        }

        var errors = ApplicationValidation.Validate(application.Form, complete: true);
        await CheckAgainstOthersAsync(caller, application, applicationId, application.Form, errors, cancellationToken);
        if (!errors.ContainsKey("divisionCode")
            && (await departments.RouteAsync(application.Form.DivisionCode!, cancellationToken))?.DivisionCode != application.Form.DivisionCode)
        {
            errors["divisionCode"] = [$"'{application.Form.DivisionCode}' is not in the department directory: give the code of the county, prefecture or province where the board is run that has a security department"];
        }

        if (errors.Count > 0)
        {
            return new RegistrationOutcome.Invalid(errors);
        }

        var due = ReviewDeadline.After(time.GetUtcNow(), options.Value.ReviewWorkingDays);
        var reason = string.IsNullOrWhiteSpace(note) ? "submitted" : note.Trim();
        return await MoveAsync(caller.Name, application, Transition.Submit, reason, due, cancellationToken);
    }

    /// <summary>An officer's transition of an application within their area.</summary>
    public async Task<RegistrationOutcome> DecideAsync(RegistrationCaller caller, string applicationId, Transition transition, string? reason, int? expectedVersion, CancellationToken cancellationToken)
    {
        var application = await FindForOfficerAsync(caller, applicationId, cancellationToken);
        if (application is null)
        {
            return NotFound(applicationId);
        }

        if (expectedVersion is { } version && version != application.Version)
        {
            return Changed(applicationId);
        }

        if (RegistrationTransitions.Check(application.Status, transition, RegistrationActor.Officer, reason) is { } refusal)
        {
            return Refused(refusal);
        }

        // Taking an application up keeps its deadline; every other decision ends the wait.
        var due = transition == Transition.StartReview ? application.ReviewDueAt : null;
        var outcome = await MoveAsync(caller.Name, application, transition, reason!.Trim(), due, cancellationToken);
        if (outcome is RegistrationOutcome.Done && transition == Transition.Revoke && !await store.OperatorKeepsCredentialsAsync(application.OperatorId!, cancellationToken))
        {
            await RevokeCredentialsAsync(caller.Name, application.OperatorId!, cancellationToken);
        }

        return outcome;
    }

    /// <summary>
    /// The approved board's organizer collects the operator's first credentials: an API key for
    /// HTTP ingest and, with a broker, its broker user. They are made now, shown once and stored
    /// only as hashes (the broker keeps its own), so neither the approving officer nor the database
    /// ever holds them. An operator that already has working credentials rotates instead.
    /// </summary>
    public async Task<RegistrationOutcome> IssueCredentialsAsync(RegistrationCaller caller, string applicationId, CancellationToken cancellationToken)
    {
        var application = await FindForOrganizerAsync(caller, applicationId, cancellationToken);
        if (application is null || application.Organizer != caller.Name)
        {
            return NotFound(applicationId);
        }

        if (application.Status != ApplicationStatus.Approved)
        {
            return new RegistrationOutcome.Conflict($"Application {applicationId} is {application.Status}; credentials are issued once the board is Approved.");
        }

        var operatorId = application.OperatorId!;
        if ((await keys.ListActiveForOperatorAsync(operatorId, cancellationToken)).FirstOrDefault() is { } active)
        {
            return new RegistrationOutcome.Conflict($"Operator {operatorId} already has credentials (API key {active.KeyId}, issued {active.CreatedAt:u}); rotate them to get new ones.");
        }

        return new RegistrationOutcome.Issued(await IssueAsync(caller.Name, operatorId, overlap: null, cancellationToken));
    }

    /// <summary>New credentials for the operator; the earlier ones keep working for <paramref name="overlap"/> (the configured default when null), then stop.</summary>
    public async Task<RegistrationOutcome> RotateCredentialsAsync(RegistrationCaller caller, string applicationId, TimeSpan? overlap, CancellationToken cancellationToken)
    {
        var application = await FindForOrganizerAsync(caller, applicationId, cancellationToken);
        if (application is null || application.Organizer != caller.Name)
        {
            return NotFound(applicationId);
        }

        var settings = options.Value;
        var wait = overlap ?? settings.CredentialOverlap;
        if (wait < TimeSpan.Zero || wait > settings.MaxCredentialOverlap)
        {
            return new RegistrationOutcome.Invalid(new Dictionary<string, string[]>
            {
                ["overlap"] = [$"how long the old credentials keep working: between 00:00:00 and {settings.MaxCredentialOverlap:c}"],
            });
        }

        if (application.Status is not (ApplicationStatus.Approved or ApplicationStatus.Suspended))
        {
            return new RegistrationOutcome.Conflict($"Application {applicationId} is {application.Status}; only an approved or suspended board's credentials can be rotated.");
        }

        if ((await keys.ListActiveForOperatorAsync(application.OperatorId!, cancellationToken)).Count == 0)
        {
            return new RegistrationOutcome.Conflict($"Operator {application.OperatorId} has no credentials to rotate; collect them first.");
        }

        var issued = await IssueAsync(caller.Name, application.OperatorId!, wait, cancellationToken);

        // The board's cached sender is the old user until the cache forgets it; forgetting it now lets the
        // old user count only through its own expiry, so it stops being the operator when the overlap ends.
        await boards.InvalidateAsync(application.BoardId!, cancellationToken);
        return new RegistrationOutcome.Issued(issued);
    }

    public Task<IReadOnlyList<ApplicationEvent>> HistoryAsync(BoardApplication application, CancellationToken cancellationToken) =>
        store.HistoryAsync(application.ApplicationId, cancellationToken);

    public Task<IReadOnlyList<BoardApplication>> ListForOrganizerAsync(RegistrationCaller caller, CancellationToken cancellationToken) =>
        store.ListForOrganizerAsync(caller.Name, cancellationToken);

    public Task<IReadOnlyList<RegistrationNotice>> NoticesAsync(RegistrationCaller caller, CancellationToken cancellationToken) =>
        store.NoticesAsync(caller.Name, 50, cancellationToken);

    /// <summary>Applications and boards within the caller's area (every area for an administrator); null without an area.</summary>
    public async Task<IReadOnlyList<BoardApplication>?> ListForAreaAsync(RegistrationCaller caller, IReadOnlyCollection<ApplicationStatus> statuses, string? search, CancellationToken cancellationToken) =>
        caller.Area is { } area ? await store.ListForAreaAsync(area, statuses, search, 1000, cancellationToken) : null;

    private async Task<IssuedCredentials> IssueAsync(string actor, string operatorId, TimeSpan? overlap, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var key = ApiKeySecret.Generate();
        var keyId = ApiKeySecret.IdOf(key);
        var previousUntil = overlap is { } wait ? now + wait : (DateTimeOffset?)null;
        await keys.IssueForOperatorAsync(operatorId, $"forum:{operatorId}:{keyId}", key, previousUntil, actor, cancellationToken);
        var queue = ForumOperator.DefaultVerdictQueue(operatorId);
        var brokerOperator = new BrokerOperator(operatorId, queue);
        var brokerUser = overlap is { } span
            ? await broker.RotateAsync(brokerOperator, span, cancellationToken)
            : await broker.IssueAsync(brokerOperator, cancellationToken);
        if (brokerUser is not null)
        {
            await store.SetOperatorBrokerUserAsync(operatorId, brokerUser.User, cancellationToken);
        }

        await audit.AppendAsync(new AuditEntry(actor, overlap is null ? "registration.credentials-issued" : "registration.credentials-rotated", $"operator:{operatorId}",
            JsonSerializer.Serialize(new { apiKeyId = keyId, brokerUser = brokerUser?.User, previousValidUntil = previousUntil })), cancellationToken);
        logger.LogInformation("Credentials {Action} for operator {OperatorId} (API key {KeyId})", overlap is null ? "issued" : "rotated", operatorId, keyId);
        return new IssuedCredentials
        {
            OperatorId = operatorId,
            ApiKey = key,
            ApiKeyId = keyId,
            BrokerUser = brokerUser?.User,
            BrokerPassword = brokerUser?.Password,
            VerdictQueue = queue,
            PreviousValidUntil = previousUntil ?? brokerUser?.PreviousValidUntil,
        };
    }

    private async Task RevokeCredentialsAsync(string actor, string operatorId, CancellationToken cancellationToken)
    {
        var revoked = await keys.RevokeOperatorAsync(operatorId, cancellationToken);
        await broker.RevokeAsync(operatorId, cancellationToken);
        await audit.AppendAsync(new AuditEntry(actor, "registration.credentials-revoked", $"operator:{operatorId}",
            JsonSerializer.Serialize(new { apiKeys = revoked, reason = "no board of the operator is approved or suspended any more" })), cancellationToken);
        logger.LogInformation("Credentials of operator {OperatorId} revoked ({Count} API keys): its last board was revoked", operatorId, revoked);
    }

    private async Task<RegistrationOutcome> MoveAsync(string actor, BoardApplication application, Transition transition, string reason, DateTimeOffset? due, CancellationToken cancellationToken)
    {
        var to = RegistrationTransitions.Target(transition);
        if (!await store.TransitionAsync(application, transition, to, actor, reason, due, Notice(application, to, reason, due), cancellationToken))
        {
            return Changed(application.ApplicationId);
        }

        // With Redis every scanner shares this cache, so the board's new status applies to its next post everywhere.
        await boards.InvalidateAsync(application.BoardId!, cancellationToken);
        return new RegistrationOutcome.Done((await store.FindAsync(application.ApplicationId, cancellationToken))!);
    }

    private static (string Subject, string Body) Notice(BoardApplication application, ApplicationStatus to, string reason, DateTimeOffset? due)
    {
        var next = to switch
        {
            ApplicationStatus.Submitted => $"The department must decide by {Shown(due)}.",
            ApplicationStatus.UnderReview => $"An officer is reviewing it; the decision is due by {Shown(due)}.",
            ApplicationStatus.ChangesRequested => "Amend the application and submit it again.",
            ApplicationStatus.Approved when application.Status == ApplicationStatus.Suspended => "The board may publish again with its existing credentials.",
            ApplicationStatus.Approved => "The board may publish. Collect its credentials on the application's page (shown once).",
            ApplicationStatus.Rejected => "The board may not publish.",
            ApplicationStatus.Suspended => "The board's posts are refused until it is reinstated.",
            ApplicationStatus.Revoked => "The board may no longer publish; its credentials are revoked once the operator has no other approved or suspended board.",
            _ => "",
        };
        return ($"Board {application.BoardId}: {to}",
            $"Application {application.ApplicationId} for board {application.BoardId} ({application.Form.BoardName}) is now {to}.\nReason: {reason}\n{next}");
    }

    private static string Shown(DateTimeOffset? due) =>
        due is { } at ? at.ToOffset(ReviewDeadline.ChinaStandardTime).ToString("yyyy-MM-dd HH:mm 'CST'", CultureInfo.InvariantCulture) : "–";

    /// <summary>What only the database knows: the board id is free, the operator is the organizer's, and the board id no longer changes once submitted.</summary>
    private async Task CheckAgainstOthersAsync(RegistrationCaller caller, BoardApplication? existing, string applicationId, ApplicationForm form, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        if (existing is { SubmittedAt: not null } && existing.BoardId != form.BoardId)
        {
            errors.TryAdd("boardId", [$"cannot change after the first submission: the board is registered as '{existing.BoardId}'"]);
        }
        else if (form.BoardId is { } boardId && !errors.ContainsKey("boardId") && await store.BoardIdTakenAsync(boardId, applicationId, cancellationToken))
        {
            errors["boardId"] = [$"'{boardId}' is already registered or applied for: choose another board id"];
        }

        if (existing is { SubmittedAt: not null } && existing.OperatorId != form.EffectiveOperatorId)
        {
            errors.TryAdd(form.OperatorId is null ? "creditCode" : "operatorId", [$"cannot change the operator after the first submission: the board publishes through '{existing.OperatorId}'"]);
        }
        else if (form.EffectiveOperatorId is { } operatorId && !errors.ContainsKey("operatorId") && await store.OperatorTakenAsync(operatorId, existing?.Organizer ?? caller.Name, cancellationToken))
        {
            errors["operatorId"] = [$"'{operatorId}' is another organizer's operator: leave operatorId empty or name one of your own"];
        }
    }

    private static RegistrationOutcome Refused(TransitionRefusal refusal) => refusal.Kind switch
    {
        TransitionRefusalKind.Invalid => new RegistrationOutcome.Invalid(new Dictionary<string, string[]> { ["reason"] = [refusal.Problem] }),
        _ => new RegistrationOutcome.Conflict(refusal.Problem),
    };

    private static RegistrationOutcome.NotFound NotFound(string applicationId) => new($"No application {applicationId} that you may see.");

    private static RegistrationOutcome.Conflict Changed(string applicationId) =>
        new($"Application {applicationId} was changed meanwhile; load it again and repeat.");
}
