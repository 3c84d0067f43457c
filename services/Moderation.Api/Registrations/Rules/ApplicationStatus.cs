using Moderation.Storage.Boards;

namespace Moderation.Api.Registrations.Rules;

/// <summary>
/// Where an application stands. A draft is the organizer's alone and has no board yet; from the first
/// submission on, the board exists with the same status (<see cref="BoardStatus"/>), and only an
/// <see cref="Approved"/> board may publish.
/// </summary>
public enum ApplicationStatus
{
    Draft,
    Submitted,
    UnderReview,
    ChangesRequested,
    Approved,
    Rejected,
    Suspended,
    Revoked,
}

public static class ApplicationStatusExtensions
{
    /// <summary>The board's status for this application status; null for a draft, which has no board.</summary>
    public static BoardStatus? BoardStatus(this ApplicationStatus status) =>
        status == ApplicationStatus.Draft ? null : Enum.Parse<BoardStatus>(status.ToString());

    /// <summary>The organizer may change the form only while it is a draft or changes were requested.</summary>
    public static bool IsEditable(this ApplicationStatus status) =>
        status is ApplicationStatus.Draft or ApplicationStatus.ChangesRequested;

    /// <summary>Awaiting the department's decision: the review deadline runs.</summary>
    public static bool AwaitsDecision(this ApplicationStatus status) =>
        status is ApplicationStatus.Submitted or ApplicationStatus.UnderReview;
}
