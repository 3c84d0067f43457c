using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Moderation.Api.Security;
using Moderation.Hosting.Security;
using Moderation.Storage.Accounts;
using Moderation.Storage.Audit;

namespace Moderation.Api.Pages.Account;

/// <summary>
/// Password sign-in. Rate-limited per client address; an account locks for a while after several
/// failures in a row; a wrong user name and a wrong password get the same answer.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(SecurityRegistration.SignInRateLimit)]
public sealed class SignInModel(
    AccountRepository accounts,
    IPasswordHasher<Storage.Accounts.Account> hasher,
    AuditLog audit,
    IOptions<SecurityOptions> options,
    TimeProvider time) : PageModel
{
    [BindProperty]
    public string UserName { get; set; } = "";

    [BindProperty]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Problem { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var account = UserName.Length is > 0 and <= 128 ? await accounts.FindAsync(UserName.Trim(), cancellationToken) : null;
        var now = time.GetUtcNow();
        if (account is not null && account.LockedUntil > now)
        {
            Problem = $"This account is locked after repeated failed sign-ins; try again after {account.LockedUntil:HH:mm} UTC.";
            await audit.AppendAsync(new AuditEntry(account.UserName, "account.sign-in-refused", $"account:{account.UserName}", """{"why":"locked"}"""), cancellationToken);
            return Page();
        }

        var verified = account is not null && account.DisabledAt is null
            && hasher.VerifyHashedPassword(account, account.PasswordHash, Password) != PasswordVerificationResult.Failed;
        if (!verified)
        {
            if (account is not null)
            {
                await accounts.RecordFailedSignInAsync(account.AccountId, options.Value.LockoutAfterFailures, options.Value.LockoutDuration, cancellationToken);
                await audit.AppendAsync(new AuditEntry(account.UserName, "account.sign-in-failed", $"account:{account.UserName}", "{}"), cancellationToken);
            }

            Problem = "The user name or the password is wrong.";
            return Page();
        }

        await accounts.RecordSignInAsync(account!.AccountId, cancellationToken);
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, $"account:{account.AccountId}"),
            new(ClaimTypes.Name, account.UserName),
            new(ClaimTypes.GivenName, account.DisplayName),
            new(ClaimTypes.Role, account.Role),
            new(ModerationClaims.SecurityStamp, account.SecurityStamp),
        };
        if (account.DivisionCode is { } division)
        {
            claims.Add(new Claim(ModerationClaims.DivisionCode, division.Trim()));
        }

        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme)),
            new AuthenticationProperties { IsPersistent = false });
        await audit.AppendAsync(new AuditEntry(account.UserName, "account.signed-in", $"account:{account.UserName}",
            JsonSerializer.Serialize(new { role = account.Role })), cancellationToken);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }
}
