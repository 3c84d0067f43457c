using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Moderation.Api.Security;
using Moderation.Security;
using Moderation.Storage.Accounts;
using Moderation.Storage.Audit;

namespace Moderation.Api.Pages.Account;

/// <summary>
/// Password sign-in. Every attempt with a wrong password, an unknown or a disabled name does the same
/// work (one password hash check, one count, one audit row) and gets the same answer, so neither the
/// answer nor its time tells which names exist. Failures block the name from that client address with
/// growing waits (<see cref="SignInThrottle"/>); the address is also rate-limited.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(SecurityRegistration.SignInRateLimit)]
public sealed class SignInModel(
    AccountRepository accounts,
    SignInAttemptRepository attempts,
    SignInThrottle throttle,
    IPasswordHasher<Storage.Accounts.Account> hasher,
    AuditLog audit,
    TimeProvider time) : PageModel
{
    public const string WrongCredentials = "The user name or the password is wrong.";

    private static readonly Storage.Accounts.Account Decoy = new()
    {
        UserName = "", DisplayName = "", PasswordHash = "", Role = AccountRoles.Moderator, SecurityStamp = "",
    };

    // What a name without a usable account is checked against: a real hash of a password nobody knows,
    // made by the same hasher, so the check costs what a real one does.
    private static readonly Lazy<string> s_decoyHash = new(() =>
        new PasswordHasher<Storage.Accounts.Account>().HashPassword(Decoy, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))));

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
        string userKey = SignInThrottle.UserKey(UserName);
        string source = SignInThrottle.Source(HttpContext);
        var now = time.GetUtcNow();
        if (await attempts.BlockedUntilAsync(userKey, source, now, cancellationToken) is { } blockedUntil)
        {
            string wait = SecurityRegistration.RetryAfterSeconds(blockedUntil - now);
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = wait;
            Problem = $"Too many failed sign-ins with this user name from your address. Try again in {wait} s.";
            return Page();
        }

        var account = userKey.Length > 0 ? await accounts.FindAsync(UserName.Trim(), cancellationToken) : null;
        var usable = account is { DisabledAt: null } ? account : null;
        var checkedHash = hasher.VerifyHashedPassword(usable ?? Decoy, usable?.PasswordHash ?? s_decoyHash.Value, Password);
        if (usable is null || checkedHash == PasswordVerificationResult.Failed)
        {
            var (failures, until) = await attempts.RecordFailureAsync(userKey, source, now, throttle.ForgetAfter, throttle.BlockFor, cancellationToken);
            await audit.AppendAsync(new AuditEntry(account?.UserName ?? "anonymous", "account.sign-in-failed", $"account:{userKey}",
                JsonSerializer.Serialize(new { known = account is not null, disabled = account?.DisabledAt is not null, failures, blockedUntil = until })), cancellationToken);
            Problem = WrongCredentials;
            return Page();
        }

        await attempts.ClearAsync(userKey, source, cancellationToken);
        account = usable;
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
