using Moderation.Api.Registrations.Rules;

namespace Moderation.Api.Registrations;

/// <summary>An application as the JSON API shows it: the form, where it stands, its deadline, its history and what the caller may do next.</summary>
public sealed record ApplicationView
{
    public required string ApplicationId { get; init; }

    public required string Organizer { get; init; }

    public required string Status { get; init; }

    public int Version { get; init; }

    public required ApplicationForm Form { get; init; }

    public string? OperatorId { get; init; }

    public DateTimeOffset? SubmittedAt { get; init; }

    /// <summary>When the department must decide; null once decided.</summary>
    public DateTimeOffset? ReviewDueAt { get; init; }

    public bool ReviewOverdue { get; init; }

    public IReadOnlyList<ApplicationEvent> History { get; init; } = [];

    /// <summary>The transitions the caller may make now (for an officer) or <c>Submit</c> (for the organizer).</summary>
    public IReadOnlyList<string> Next { get; init; } = [];

    public static ApplicationView Of(BoardApplication application, IReadOnlyList<ApplicationEvent> history, RegistrationActor actor, DateTimeOffset now) => new()
    {
        ApplicationId = application.ApplicationId,
        Organizer = application.Organizer,
        Status = application.Status.ToString(),
        Version = application.Version,
        Form = application.Form,
        OperatorId = application.OperatorId,
        SubmittedAt = application.SubmittedAt,
        ReviewDueAt = application.Status.AwaitsDecision() ? application.ReviewDueAt : null,
        ReviewOverdue = application.Status.AwaitsDecision() && application.ReviewDueAt < now,
        History = history,
        Next = [.. RegistrationTransitions.Available(application.Status, actor).Select(t => t.ToString())],
    };
}

/// <summary>An officer's or administrator's decision: <c>transition</c> is StartReview, Approve, Reject, RequestChanges, Suspend, Reinstate or Revoke.</summary>
public sealed record DecisionBody(string? Transition, string? Reason, int? Version);

/// <summary>The organizer's note with a submission (optional).</summary>
public sealed record SubmitBody(string? Note);

/// <summary><c>overlap</c>: how long the old credentials keep working, as <c>hh:mm:ss</c> or <c>d.hh:mm:ss</c>.</summary>
public sealed record RotateBody(string? Overlap);
