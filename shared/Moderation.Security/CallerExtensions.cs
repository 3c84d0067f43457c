using System.Security.Claims;
using Moderation.Storage.Accounts;
using Moderation.Verdicts.Divisions;

namespace Moderation.Security;

/// <summary>Who the caller is, as the audit log and the tenant checks need it.</summary>
public static class CallerExtensions
{
    /// <summary>The account's user name or the key's name.</summary>
    public static string ActorName(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && user.Identity.Name is { Length: > 0 } name
            ? name
            : throw new InvalidOperationException("An unauthenticated request reached an endpoint that records who acted; its group lacks RequireAuthorization.");

    public static string? OperatorId(this ClaimsPrincipal user) => user.FindFirstValue(ModerationClaims.OperatorId);

    public static string? DivisionCode(this ClaimsPrincipal user) => user.FindFirstValue(ModerationClaims.DivisionCode);

    public static bool IsAdmin(this ClaimsPrincipal user) => user.IsInRole(AccountRoles.Admin);

    /// <summary>
    /// The area the caller may act in (<see cref="Jurisdiction.AreaOf"/>): every area for an
    /// administrator, an officer's division and everything below it; null without a valid division code.
    /// </summary>
    public static string? Area(this ClaimsPrincipal user) => Jurisdiction.AreaOf(user.IsAdmin(), user.DivisionCode());
}
