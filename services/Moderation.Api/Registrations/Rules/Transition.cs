namespace Moderation.Api.Registrations.Rules;

/// <summary>What someone does to an application; <see cref="RegistrationTransitions"/> says who may and from where.</summary>
public enum Transition
{
    /// <summary>The organizer hands in a draft, or the amended application after changes were requested.</summary>
    Submit,

    /// <summary>An officer of the board's area takes the application up.</summary>
    StartReview,
    Approve,
    Reject,
    RequestChanges,

    /// <summary>An approved board stops publishing until reinstated or revoked.</summary>
    Suspend,
    Reinstate,
    Revoke,
}
