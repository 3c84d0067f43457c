using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Moderation.Testing;

namespace Moderation.Standalone.Tests.Security;

/// <summary>
/// Every endpoint the standalone host maps (it maps every module) names who may call it: a policy,
/// or an explicit AllowAnonymous. An endpoint added without either fails here.
/// </summary>
public sealed class EndpointAuthorizationSpecs : IAsyncLifetime
{
    private ScratchDatabase _scratch = null!;

    public async Task InitializeAsync() => _scratch = await ScratchDatabase.CreateSqliteAsync();

    public async Task DisposeAsync() => await _scratch.DisposeAsync();

    [Fact]
    public async Task Every_endpoint_requires_a_policy_or_is_explicitly_anonymous()
    {
        await using var app = new StandaloneFactory(_scratch.ConnectionString);
        using var client = app.CreateClient();

        var endpoints = EndpointCatalog.All(app.Services);
        var unguarded = endpoints
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null && e.Metadata.GetOrderedMetadata<IAuthorizeData>().Count == 0)
            .Select(EndpointCatalog.Describe)
            .ToList();

        endpoints.Should().NotBeEmpty();
        unguarded.Should().BeEmpty("every endpoint needs .RequireAuthorization(AccessPolicies.X) or .AllowAnonymous()");
    }

    [Fact]
    public async Task Only_health_and_sign_in_are_anonymous()
    {
        await using var app = new StandaloneFactory(_scratch.ConnectionString);
        using var client = app.CreateClient();

        var anonymous = EndpointCatalog.All(app.Services)
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .Select(e => e.RoutePattern.RawText ?? "")
            .ToList();

        anonymous.Should().NotBeEmpty();
        anonymous.Where(p => !EndpointCatalog.AnonymousRoutes.Contains(p.TrimEnd('/'))).Should().BeEmpty("anonymous endpoints are limited to " + string.Join(", ", EndpointCatalog.AnonymousRoutes));
    }
}
