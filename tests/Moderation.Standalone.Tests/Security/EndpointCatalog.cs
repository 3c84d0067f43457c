using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Moderation.Standalone.Tests.Security;

/// <summary>The endpoints a running host has mapped, read from its <see cref="EndpointDataSource"/>.</summary>
internal static class EndpointCatalog
{
    /// <summary>The routes anyone may call: probes, sign-in and the static files the sign-in page needs, signed receipts.</summary>
    public static readonly IReadOnlySet<string> AnonymousRoutes = new HashSet<string>(StringComparer.Ordinal)
    {
        // Departments' receipts are authenticated by their Standard Webhooks signature, not an account.
        "/api/v1/receipts",
        "/health/live", "/health/ready", "account/sign-in", "account/sign-in/{handler?}", "account/denied", "Account/SignIn", "Account/Denied",
    };

    public static IReadOnlyList<RouteEndpoint> All(IServiceProvider services) =>
        [.. services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()];

    public static string Describe(RouteEndpoint endpoint)
    {
        var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"];
        return $"{string.Join(",", methods)} {endpoint.RoutePattern.RawText} ({endpoint.DisplayName})";
    }
}
