using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Moderation.Api.Registrations.Rules;
using Moderation.Onboarding;

namespace Moderation.Api.Registrations;

/// <summary>
/// Board registration over JSON: organizers' applications (<c>/api/v1/registrations</c>) and the
/// review by the department with jurisdiction (<c>/api/v1/registration-reviews</c>). An application
/// that is another organizer's, or outside the officer's area, is answered 404 like one that does not exist.
/// </summary>
public static class RegistrationsApi
{
    public static RouteGroupBuilder MapRegistrationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/registrations").WithTags("Registration");
        group.MapPost("/", CreateAsync);
        group.MapGet("/", ListOwnAsync);
        group.MapGet("/notices", NoticesAsync);
        group.MapGet("/{applicationId}", GetOwnAsync);
        group.MapPut("/{applicationId}", UpdateAsync);
        group.MapPost("/{applicationId}/submit", SubmitAsync);
        group.MapPost("/{applicationId}/credentials", IssueCredentialsAsync);
        group.MapPost("/{applicationId}/credentials/rotate", RotateCredentialsAsync);
        return group;
    }

    public static RouteGroupBuilder MapRegistrationReviewsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/registration-reviews").WithTags("Registration");
        group.MapGet("/", InboxAsync);
        group.MapGet("/{applicationId}", GetForOfficerAsync);
        group.MapPost("/{applicationId}/decision", DecideAsync);
        return group;
    }

    internal static async Task<Results<Created<ApplicationView>, ValidationProblem, ProblemHttpResult>> CreateAsync(ApplicationForm form, ClaimsPrincipal user, RegistrationWorkflow workflow, TimeProvider time, CancellationToken cancellationToken)
    {
        var outcome = await workflow.SaveDraftAsync(RegistrationCaller.Of(user), null, form, null, cancellationToken);
        return outcome is RegistrationOutcome.Done done
            ? TypedResults.Created($"/api/v1/registrations/{done.Application.ApplicationId}", ApplicationView.Of(done.Application, [], RegistrationActor.Organizer, time.GetUtcNow()))
            : Failure(outcome);
    }

    internal static async Task<Ok<IReadOnlyList<ApplicationView>>> ListOwnAsync(ClaimsPrincipal user, RegistrationWorkflow workflow, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var own = await workflow.ListForOrganizerAsync(RegistrationCaller.Of(user), cancellationToken);
        return TypedResults.Ok<IReadOnlyList<ApplicationView>>([.. own.Select(a => ApplicationView.Of(a, [], RegistrationActor.Organizer, now))]);
    }

    internal static async Task<Ok<IReadOnlyList<RegistrationNotice>>> NoticesAsync(ClaimsPrincipal user, RegistrationWorkflow workflow, CancellationToken cancellationToken) =>
        TypedResults.Ok(await workflow.NoticesAsync(RegistrationCaller.Of(user), cancellationToken));

    internal static async Task<Results<Ok<ApplicationView>, ProblemHttpResult>> GetOwnAsync(string applicationId, ClaimsPrincipal user, RegistrationWorkflow workflow, TimeProvider time, CancellationToken cancellationToken)
    {
        var application = await workflow.FindForOrganizerAsync(RegistrationCaller.Of(user), applicationId, cancellationToken);
        return application is null
            ? NotFound(applicationId)
            : TypedResults.Ok(ApplicationView.Of(application, await workflow.HistoryAsync(application, cancellationToken), RegistrationActor.Organizer, time.GetUtcNow()));
    }

    internal static async Task<Results<Ok<ApplicationView>, ValidationProblem, ProblemHttpResult>> UpdateAsync(string applicationId, ApplicationForm form, ClaimsPrincipal user, RegistrationWorkflow workflow, TimeProvider time, CancellationToken cancellationToken) =>
        await ViewAsync(await workflow.SaveDraftAsync(RegistrationCaller.Of(user), applicationId, form, null, cancellationToken), workflow, RegistrationActor.Organizer, time, cancellationToken);

    internal static async Task<Results<Ok<ApplicationView>, ValidationProblem, ProblemHttpResult>> SubmitAsync(string applicationId, SubmitBody? body, ClaimsPrincipal user, RegistrationWorkflow workflow, TimeProvider time, CancellationToken cancellationToken) =>
        await ViewAsync(await workflow.SubmitAsync(RegistrationCaller.Of(user), applicationId, body?.Note, cancellationToken), workflow, RegistrationActor.Organizer, time, cancellationToken);

    internal static async Task<Results<Created<IssuedCredentials>, ValidationProblem, ProblemHttpResult>> IssueCredentialsAsync(string applicationId, ClaimsPrincipal user, RegistrationWorkflow workflow, CancellationToken cancellationToken) =>
        Credentials(await workflow.IssueCredentialsAsync(RegistrationCaller.Of(user), applicationId, cancellationToken));

    internal static async Task<Results<Created<IssuedCredentials>, ValidationProblem, ProblemHttpResult>> RotateCredentialsAsync(string applicationId, RotateBody? body, ClaimsPrincipal user, RegistrationWorkflow workflow, CancellationToken cancellationToken)
    {
        TimeSpan? overlap = null;
        if (!string.IsNullOrWhiteSpace(body?.Overlap))
        {
            if (!TimeSpan.TryParse(body.Overlap, CultureInfo.InvariantCulture, out var parsed))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["overlap"] = [$"'{body.Overlap}' is not a duration: write hh:mm:ss or d.hh:mm:ss, e.g. 04:00:00"] });
            }

            overlap = parsed;
        }

        return Credentials(await workflow.RotateCredentialsAsync(RegistrationCaller.Of(user), applicationId, overlap, cancellationToken));
    }

    internal static async Task<Results<Ok<IReadOnlyList<ApplicationView>>, ValidationProblem, ProblemHttpResult>> InboxAsync(string? status, string? q, ClaimsPrincipal user, RegistrationWorkflow workflow, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!TryStatuses(status, out var statuses, out var problem))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["status"] = [problem] });
        }

        var now = time.GetUtcNow();
        var listed = await workflow.ListForAreaAsync(RegistrationCaller.Of(user), statuses, q, cancellationToken);
        return listed is null
            ? Incidents.NoJurisdiction.Problem()
            : TypedResults.Ok<IReadOnlyList<ApplicationView>>([.. listed.Select(a => ApplicationView.Of(a, [], RegistrationActor.Officer, now))]);
    }

    internal static async Task<Results<Ok<ApplicationView>, ProblemHttpResult>> GetForOfficerAsync(string applicationId, ClaimsPrincipal user, RegistrationWorkflow workflow, TimeProvider time, CancellationToken cancellationToken)
    {
        var application = await workflow.FindForOfficerAsync(RegistrationCaller.Of(user), applicationId, cancellationToken);
        return application is null
            ? NotFound(applicationId)
            : TypedResults.Ok(ApplicationView.Of(application, await workflow.HistoryAsync(application, cancellationToken), RegistrationActor.Officer, time.GetUtcNow()));
    }

    internal static async Task<Results<Ok<ApplicationView>, ValidationProblem, ProblemHttpResult>> DecideAsync(string applicationId, DecisionBody body, ClaimsPrincipal user, RegistrationWorkflow workflow, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!Enum.TryParse<Transition>(body.Transition, ignoreCase: true, out var transition) || !Enum.IsDefined(transition) || transition == Transition.Submit || int.TryParse(body.Transition, out _))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["transition"] = [$"'{body.Transition}' is not a decision: use StartReview, Approve, Reject, RequestChanges, Suspend, Reinstate or Revoke"],
            });
        }

        return await ViewAsync(await workflow.DecideAsync(RegistrationCaller.Of(user), applicationId, transition, body.Reason, body.Version, cancellationToken), workflow, RegistrationActor.Officer, time, cancellationToken);
    }

    /// <summary>A comma-separated list of statuses, each named as in <see cref="ApplicationStatus"/>.</summary>
    internal static bool TryStatuses(string? text, out IReadOnlyCollection<ApplicationStatus> statuses, out string problem)
    {
        var parsed = new List<ApplicationStatus>();
        problem = "";
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Enum.TryParse<ApplicationStatus>(part, ignoreCase: true, out var status) || int.TryParse(part, out _) || status == ApplicationStatus.Draft)
            {
                statuses = [];
                problem = $"'{part}' is not a status: use Submitted, UnderReview, ChangesRequested, Approved, Rejected, Suspended or Revoked (comma-separated)";
                return false;
            }

            parsed.Add(status);
        }

        statuses = parsed;
        return true;
    }

    private static async Task<Results<Ok<ApplicationView>, ValidationProblem, ProblemHttpResult>> ViewAsync(RegistrationOutcome outcome, RegistrationWorkflow workflow, RegistrationActor actor, TimeProvider time, CancellationToken cancellationToken) =>
        outcome is RegistrationOutcome.Done done
            ? TypedResults.Ok(ApplicationView.Of(done.Application, await workflow.HistoryAsync(done.Application, cancellationToken), actor, time.GetUtcNow()))
            : Failure(outcome);

    private static Results<Created<IssuedCredentials>, ValidationProblem, ProblemHttpResult> Credentials(RegistrationOutcome outcome) =>
        outcome is RegistrationOutcome.Issued issued
            ? TypedResults.Created($"/api/v1/registrations/credentials/{issued.Credentials.ApiKeyId}", issued.Credentials)
            : Failure(outcome);

    /// <summary>Every outcome but success, as the API answers it.</summary>
    private static ProblemOrValidation Failure(RegistrationOutcome outcome) => outcome switch
    {
        RegistrationOutcome.Invalid invalid => new(TypedResults.ValidationProblem(invalid.Errors, title: "The application has fields to correct.")),
        RegistrationOutcome.NotFound notFound => new(TypedResults.Problem(notFound.Problem, statusCode: StatusCodes.Status404NotFound)),
        RegistrationOutcome.Conflict conflict => new(TypedResults.Problem(conflict.Problem, statusCode: StatusCodes.Status409Conflict)),
        _ => throw new UnreachableException($"{outcome.GetType().Name} is a success"),
    };

    private static ProblemHttpResult NotFound(string applicationId) =>
        TypedResults.Problem($"No application {applicationId} that you may see.", statusCode: StatusCodes.Status404NotFound);

    /// <summary>A refusal, convertible to each answer type of this API.</summary>
    private readonly struct ProblemOrValidation
    {
        private readonly ValidationProblem? _validation;
        private readonly ProblemHttpResult? _problem;

        public ProblemOrValidation(ValidationProblem validation) => _validation = validation;

        public ProblemOrValidation(ProblemHttpResult problem) => _problem = problem;

        public static implicit operator Results<Ok<ApplicationView>, ValidationProblem, ProblemHttpResult>(ProblemOrValidation failure) =>
            failure._validation is { } validation ? validation : failure._problem!;

        public static implicit operator Results<Created<ApplicationView>, ValidationProblem, ProblemHttpResult>(ProblemOrValidation failure) =>
            failure._validation is { } validation ? validation : failure._problem!;

        public static implicit operator Results<Created<IssuedCredentials>, ValidationProblem, ProblemHttpResult>(ProblemOrValidation failure) =>
            failure._validation is { } validation ? validation : failure._problem!;
    }
}
