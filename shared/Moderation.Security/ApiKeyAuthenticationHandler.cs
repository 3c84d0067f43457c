using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Moderation.Storage.Accounts;

namespace Moderation.Security;

/// <summary>
/// Authenticates machine clients by API key. The key is looked up by its SHA-256; its name becomes
/// the caller's name (what the audit log records), its role the caller's role, and a forum key
/// carries its operator so it can act only for that operator's boards.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyRepository keys) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = ApiKeyAuthentication.KeyFrom(Request);
        if (presented is null)
        {
            return AuthenticateResult.NoResult();
        }

        if (presented.Length is 0 or > 512)
        {
            return AuthenticateResult.Fail("The API key is empty or too long.");
        }

        var key = await keys.FindActiveAsync(presented, Context.RequestAborted);
        if (key is null)
        {
            return AuthenticateResult.Fail("The API key is unknown or revoked.");
        }

        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, $"key:{key.KeyId}"),
            new(ClaimTypes.Name, key.Name),
            new(ClaimTypes.Role, key.Role),
        };
        if (key.OperatorId is not null)
        {
            claims.Add(new Claim(ModerationClaims.OperatorId, key.OperatorId));
        }

        if (key.DivisionCode is not null)
        {
            claims.Add(new Claim(ModerationClaims.DivisionCode, key.DivisionCode.Trim()));
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"moderation\"";
        return Task.CompletedTask;
    }
}
