using Moderation.Onboarding;

namespace Moderation.Api.Registrations;

/// <summary>What came of a request to the registration workflow.</summary>
public abstract record RegistrationOutcome
{
    private RegistrationOutcome()
    {
    }

    /// <summary>Saved or moved on; the application as it is now.</summary>
    public sealed record Done(BoardApplication Application) : RegistrationOutcome;

    /// <summary>Credentials issued or rotated; shown this once.</summary>
    public sealed record Issued(IssuedCredentials Credentials) : RegistrationOutcome;

    /// <summary>One message per wrong field (400).</summary>
    public sealed record Invalid(IDictionary<string, string[]> Errors) : RegistrationOutcome;

    /// <summary>No such application for this caller: another organizer's, or outside the officer's area, looks the same (404).</summary>
    public sealed record NotFound(string Problem) : RegistrationOutcome;

    /// <summary>Not possible in the application's state, or it changed meanwhile (409).</summary>
    public sealed record Conflict(string Problem) : RegistrationOutcome;
}
