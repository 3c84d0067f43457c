using Moderation.Api.Registrations.Rules;

namespace Moderation.Api.Registrations;

/// <summary>An organizer's application for a board, as both sides see it.</summary>
public sealed record BoardApplication
{
    public required string ApplicationId { get; init; }

    /// <summary>The organizer account that owns it; only it may change or submit it.</summary>
    public required string Organizer { get; init; }

    public ApplicationStatus Status { get; init; }

    public required ApplicationForm Form { get; init; }

    /// <summary>Grows with every change; a decision names the version it was made on.</summary>
    public int Version { get; init; }

    public DateTimeOffset? SubmittedAt { get; init; }

    /// <summary>When the department must decide (while Submitted or UnderReview).</summary>
    public DateTimeOffset? ReviewDueAt { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public string? BoardId => Form.BoardId;

    public string? OperatorId => Form.EffectiveOperatorId;

    public string? DivisionCode => Form.DivisionCode;
}

/// <summary>One transition in an application's history.</summary>
public sealed record ApplicationEvent(long EventId, string Transition, string FromStatus, string ToStatus, string Actor, string Reason, DateTimeOffset OccurredAt);

/// <summary>What the organizer was told of a decision (<c>MailedAt</c>: when the Notifier mailed it to the application's contact address).</summary>
public sealed record RegistrationNotice(long NoticeId, string ApplicationId, string Subject, string Body, DateTimeOffset CreatedAt, DateTimeOffset? MailedAt);
