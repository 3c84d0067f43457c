using System.Security.Claims;
using Moderation.Storage.Accounts;

namespace Moderation.Hosting.Security;

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
    /// Whether an officer with jurisdiction <paramref name="jurisdiction"/> covers <paramref name="divisionCode"/>:
    /// GB/T 2260 codes are PPCCDD, so a province (PP0000) covers PP****, a prefecture (PPCC00) PPCC**.
    /// </summary>
    public static bool Covers(string jurisdiction, string divisionCode)
    {
        var prefix = JurisdictionPrefix(jurisdiction);
        return divisionCode.Trim().StartsWith(prefix, StringComparison.Ordinal);
    }

    /// <summary>The code with its trailing "00" pairs removed ("110000" → "11", "110100" → "1101").</summary>
    public static string JurisdictionPrefix(string jurisdiction)
    {
        var code = jurisdiction.Trim();
        while (code.Length > 2 && code.EndsWith("00", StringComparison.Ordinal))
        {
            code = code[..^2];
        }

        return code;
    }
}
