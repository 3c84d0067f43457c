using Microsoft.AspNetCore.Http;

namespace Moderation.Security;

/// <summary>Names of the API key scheme and the headers a key may come in.</summary>
public static class ApiKeyAuthentication
{
    public const string Scheme = "ApiKey";

    public const string HeaderName = "X-Api-Key";

    /// <summary>The key from <c>Authorization: Bearer</c> or <c>X-Api-Key</c>; null when neither is sent.</summary>
    public static string? KeyFrom(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return authorization["Bearer ".Length..].Trim();
        }

        var header = request.Headers[HeaderName].ToString();
        return header.Length > 0 ? header.Trim() : null;
    }
}
