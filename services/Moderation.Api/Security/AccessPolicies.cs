using Microsoft.AspNetCore.Authorization;
using Moderation.Security;
using Moderation.Storage.Accounts;

namespace Moderation.Api.Security;

/// <summary>
/// The authorization policies every endpoint group names (<c>.RequireAuthorization(AccessPolicies.X)</c>).
/// Policies say which role may call; which boards or areas it may touch is checked by the handler
/// against the caller's claims (moderator's boards, officer's division, machine key's operator).
/// </summary>
public static class AccessPolicies
{
    /// <summary>Administrators: accounts, API keys, rule sets, models.</summary>
    public const string Admin = nameof(Admin);

    /// <summary>Security officers (and administrators): fingerprints, incidents, escalated cases, in their jurisdiction.</summary>
    public const string Officer = nameof(Officer);

    /// <summary>Moderators (and administrators): the review queue of their assigned boards.</summary>
    public const string Moderator = nameof(Moderator);

    /// <summary>Organizers (and administrators): board registration applications.</summary>
    public const string Organizer = nameof(Organizer);

    /// <summary>Forum operators' API keys: ingest and read-back for the operator's own boards.</summary>
    public const string Machine = nameof(Machine);

    public static readonly IReadOnlyList<string> All = [Admin, Officer, Moderator, Organizer, Machine];

    internal static AuthorizationBuilder AddAccessPolicies(this AuthorizationBuilder builder) => builder
        .AddPolicy(Admin, p => p.RequireAuthenticatedUser().RequireRole(AccountRoles.Admin))
        .AddPolicy(Officer, p => p.RequireAuthenticatedUser().RequireRole(AccountRoles.Officer, AccountRoles.Admin))
        .AddPolicy(Moderator, p => p.RequireAuthenticatedUser().RequireRole(AccountRoles.Moderator, AccountRoles.Admin))
        .AddPolicy(Organizer, p => p.RequireAuthenticatedUser().RequireRole(AccountRoles.Organizer, AccountRoles.Admin))
        .AddPolicy(Machine, p => p.RequireAuthenticatedUser().RequireRole(AccountRoles.Machine).RequireClaim(ModerationClaims.OperatorId));
}
