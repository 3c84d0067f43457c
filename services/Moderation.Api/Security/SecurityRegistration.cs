using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Moderation.Security;
using Moderation.Storage.Accounts;
using Moderation.Storage.Database;

namespace Moderation.Api.Security;

/// <summary>
/// Who may call what: people sign in with a cookie, machines send an API key; the policies in
/// <see cref="AccessPolicies"/>; antiforgery, data-protection keys in the database, sign-in rate limits.
/// </summary>
public static class SecurityRegistration
{
    /// <summary>Chooses the API key handler when a key is sent, the sign-in cookie otherwise.</summary>
    public const string Scheme = "Moderation";

    public const string SignInRateLimit = "sign-in";

    public const string PostsRateLimit = "posts";

    public const string SignInPath = "/account/sign-in";

    public static IHostApplicationBuilder AddModerationSecurity(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.Section)
            .Validate(o => o.Accounts.All(a => a.UserName.Length > 0 && a.Password.Length >= 8 && AccountRoles.People.Contains(a.Role)),
                $"Every {SecurityOptions.Section}:Accounts entry needs a UserName, a Password of 8 or more characters and a Role ({string.Join(", ", AccountRoles.People)}).")
            .Validate(o => o.ApiKeys.All(k => k.Name.Length > 0 && k.Key.Length >= 24 && AccountRoles.Keys.Contains(k.Role) && (k.Role != AccountRoles.Machine || k.OperatorId is { Length: > 0 })),
                $"Every {SecurityOptions.Section}:ApiKeys entry needs a Name, a Key of 24 or more characters, a Role ({string.Join(", ", AccountRoles.Keys)}) and, for machine keys, an OperatorId.")
            .Validate(o => o.PostsPerOperatorPerSecond is >= 1 and <= 1_000_000,
                $"{SecurityOptions.Section}:PostsPerOperatorPerSecond must be a whole number from 1 to 1000000.")
            .ValidateOnStart();
        var security = builder.Configuration.GetSection(SecurityOptions.Section).Get<SecurityOptions>() ?? new SecurityOptions();

        services.AddSingleton<IPasswordHasher<Account>, PasswordHasher<Account>>();
        services.AddSingleton<SignInThrottle>();
        services.AddHostedService<SignInAttemptSweeper>();
        services.AddHostedService<CredentialBootstrapper>();

        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "Cookie or API key", o => o.ForwardDefaultSelector = context =>
                ApiKeyAuthentication.KeyFrom(context.Request) is null ? CookieAuthenticationDefaults.AuthenticationScheme : ApiKeyAuthentication.Scheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthentication.Scheme, null)
            .AddCookie(o =>
            {
                o.Cookie.Name = security.SecureCookies ? "__Host-moderation" : "moderation";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = security.SecureCookies ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = security.SessionIdleTimeout;
                o.SlidingExpiration = true;
                o.LoginPath = SignInPath;
                o.AccessDeniedPath = "/account/denied";
                o.Events.OnRedirectToLogin = context => Refuse(context, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = context => Refuse(context, StatusCodes.Status403Forbidden);
                o.Events.OnValidatePrincipal = SessionValidator.ValidateAsync;
            });
        services.AddAuthorizationBuilder().AddAccessPolicies();

        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = security.SecureCookies ? "__Host-moderation-af" : "moderation-af";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = security.SecureCookies ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        });

        services.Configure<Microsoft.AspNetCore.Mvc.CookieTempDataProviderOptions>(o =>
        {
            o.Cookie.Name = security.SecureCookies ? "__Host-moderation-msg" : "moderation-msg";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = security.SecureCookies ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        });

        services.AddDataProtection().SetApplicationName("moderation");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
            o.XmlRepository = new DatabaseXmlRepository(sp.GetRequiredService<ModerationDatabase>(), sp.GetRequiredService<TimeProvider>())));

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, cancellationToken) =>
            {
                var http = context.HttpContext;
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out TimeSpan retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
                http.Response.Headers.RetryAfter = RetryAfterSeconds(wait);
                if (http.Request.Path.StartsWithSegments("/api"))
                {
                    // A machine reads the problem: it names the limit, so an operator knows what to configure or spread out.
                    await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                    {
                        HttpContext = http,
                        ProblemDetails =
                        {
                            Status = StatusCodes.Status429TooManyRequests,
                            Title = "Too many posts; this one was not stored.",
                            Detail = $"At most {security.PostsPerOperatorPerSecond} posts a second (bursts of {2 * security.PostsPerOperatorPerSecond}) are accepted from one operator ({SecurityOptions.Section}:PostsPerOperatorPerSecond). Send it again after {RetryAfterSeconds(wait)} s, as Retry-After says.",
                        },
                    });
                }
            };
            // Attempts are POSTs; showing the form is free.
            o.AddPolicy(SignInRateLimit, context => HttpMethods.IsGet(context.Request.Method) ? RateLimitPartition.GetNoLimiter("form") : RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = Math.Max(1, security.SignInAttemptsPerMinute), Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            // Per operator, not per key or address: an operator's keys and forum servers share one allowance.
            var perSecond = Math.Max(1, security.PostsPerOperatorPerSecond);
            o.AddPolicy(PostsRateLimit, context => RateLimitPartition.GetTokenBucketLimiter(
                context.User.OperatorId() ?? context.User.Identity?.Name ?? "unknown",
                _ => PostAllowance(perSecond)));
        });
        return builder;
    }

    /// <summary>One operator's post allowance: <paramref name="perSecond"/> a second, bursts of twice that.</summary>
    public static TokenBucketRateLimiterOptions PostAllowance(int perSecond) => new()
    {
        TokenLimit = 2 * perSecond,
        TokensPerPeriod = perSecond,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    /// <summary>A <c>Retry-After</c> value: whole seconds, rounded up, at least one.</summary>
    public static string RetryAfterSeconds(TimeSpan wait) =>
        Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Middleware in the order the framework needs: who, may they, limits, forms.</summary>
    public static WebApplication UseModerationSecurity(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();
        return app;
    }

    /// <summary>An API call gets a status code; a page gets redirected to sign in.</summary>
    private static Task Refuse(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/hubs"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
