using Microsoft.Extensions.Options;

namespace Moderation.Api.Security;

/// <summary>
/// How long failed sign-ins block a user name from one client address. Counted per (name, address)
/// and never per account: an attacker who knows a name can slow down only their own address, not
/// lock the owner out, and an unknown name is counted exactly like a real one, so a block says
/// nothing about which names exist. Guessing from many addresses meets the per-address rate limit
/// (<see cref="SecurityOptions.SignInAttemptsPerMinute"/>) and the password hash's cost.
/// </summary>
public sealed class SignInThrottle(IOptions<SecurityOptions> options)
{
    private const int MaxUserNameLength = 128;

    /// <summary>A pair whose last failure is this old starts again from nothing.</summary>
    public TimeSpan ForgetAfter => options.Value.SignInBackoffLimit * 2;

    /// <summary>The name as the key it is counted under: trimmed, case folded, at most 128 characters.</summary>
    public static string UserKey(string userName)
    {
        string trimmed = userName.Trim();
        return (trimmed.Length > MaxUserNameLength ? trimmed[..MaxUserNameLength] : trimmed).ToLowerInvariant();
    }

    /// <summary>The client address a failure is counted against.</summary>
    public static string Source(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>
    /// The block after the <paramref name="failures"/>th failure in a row: none while free, then the
    /// base doubled per failure (2 s, 4 s, 8 s, … with the defaults), never more than the limit.
    /// </summary>
    public TimeSpan? BlockFor(int failures)
    {
        SecurityOptions o = options.Value;
        int beyond = failures - o.SignInFreeFailures;
        if (beyond <= 0)
        {
            return null;
        }

        // 2^30 base periods overflow long before; the limit is reached well before that anyway.
        double seconds = o.SignInBackoff.TotalSeconds * Math.Pow(2, Math.Min(beyond - 1, 30));
        return TimeSpan.FromSeconds(Math.Min(seconds, o.SignInBackoffLimit.TotalSeconds));
    }
}
