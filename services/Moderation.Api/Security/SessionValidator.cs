using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Moderation.Security;
using Moderation.Storage.Accounts;

namespace Moderation.Api.Security;

/// <summary>
/// Ends a session whose account was disabled, or whose password or role changed since sign-in
/// (the security stamp differs). Checked at most once a minute per session, to spare the database.
/// </summary>
internal static class SessionValidator
{
    private const string CheckedAtKey = "moderation:checked";
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var time = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
        var now = time.GetUtcNow();
        if (context.Properties.Items.TryGetValue(CheckedAtKey, out var checkedAt)
            && DateTimeOffset.TryParse(checkedAt, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var last)
            && now - last < Interval)
        {
            return;
        }

        var accounts = context.HttpContext.RequestServices.GetRequiredService<AccountRepository>();
        var name = context.Principal?.Identity?.Name;
        var account = name is null ? null : await accounts.FindAsync(name, context.HttpContext.RequestAborted);
        if (account is null || account.DisabledAt is not null || account.SecurityStamp != context.Principal!.FindFirst(ModerationClaims.SecurityStamp)?.Value)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }

        context.Properties.Items[CheckedAtKey] = now.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        context.ShouldRenew = true;
    }
}
