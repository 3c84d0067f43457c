namespace Moderation.Api.Security;

/// <summary>Bound from configuration section <c>Moderation:Security</c>.</summary>
public sealed class SecurityOptions
{
    public const string Section = "Moderation:Security";

    /// <summary>
    /// Send cookies only over HTTPS (default). Turn off only behind a TLS-terminating proxy that
    /// forwards plain HTTP on a private network, or for a local trial on loopback.
    /// </summary>
    public bool SecureCookies { get; set; } = true;

    /// <summary>How long a sign-in lasts without activity.</summary>
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Sign-in attempts allowed per client address per minute.</summary>
    public int SignInAttemptsPerMinute { get; set; } = 10;

    /// <summary>
    /// Failed sign-ins in a row, for one user name from one client address, that are free; each further
    /// failure blocks that pair for <see cref="SignInBackoff"/>, doubled per failure, up to
    /// <see cref="SignInBackoffLimit"/>. Never the account as a whole: see <see cref="SignInThrottle"/>.
    /// </summary>
    public int SignInFreeFailures { get; set; } = 3;

    public TimeSpan SignInBackoff { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan SignInBackoffLimit { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Posts one operator may submit over HTTP per second, whichever of its keys sends them; bursts of
    /// twice as many pass. Beyond it a post is answered 429 with Retry-After, so one flooding forum
    /// cannot take the scanners from every other.
    /// </summary>
    public int PostsPerOperatorPerSecond { get; set; } = 500;

    /// <summary>Log the bootstrap credentials at start (the standalone host's demo accounts and keys).</summary>
    public bool PrintBootstrapCredentials { get; set; }

    /// <summary>Accounts created or updated at start: the first administrator, demo accounts.</summary>
    public List<BootstrapAccount> Accounts { get; set; } = [];

    /// <summary>API keys stored (hashed) at start: provisioned from a secret store, or the demo keys.</summary>
    public List<BootstrapApiKey> ApiKeys { get; set; } = [];
}
