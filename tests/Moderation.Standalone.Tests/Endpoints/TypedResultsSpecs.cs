using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Moderation.Standalone.Tests.Security;
using Moderation.Testing;

namespace Moderation.Standalone.Tests.Endpoints;

/// <summary>
/// Every handler the standalone host maps (it maps every module) declares what it answers:
/// <c>Results&lt;Ok&lt;T&gt;, ProblemHttpResult, …&gt;</c>, a single typed result or a plain value, never a bare
/// <see cref="IResult"/>, so the compiler and the endpoint metadata know each response.
/// </summary>
public sealed class TypedResultsSpecs : IAsyncLifetime
{
    private ScratchDatabase _scratch = null!;

    public async Task InitializeAsync() => _scratch = await ScratchDatabase.CreateSqliteAsync();

    public async Task DisposeAsync() => await _scratch.DisposeAsync();

    [Fact]
    public async Task Every_endpoint_handler_declares_a_typed_result()
    {
        await using var app = new StandaloneFactory(_scratch.ConnectionString);
        using var client = app.CreateClient();

        var handlers = EndpointCatalog.All(app.Services)
            .Select(e => (Endpoint: e, Handler: e.Metadata.GetMetadata<MethodInfo>()))
            .Where(h => h.Handler is not null)
            .ToList();
        var untyped = handlers
            .Where(h => !IsTyped(h.Handler!.ReturnType))
            .Select(h => $"{EndpointCatalog.Describe(h.Endpoint)} returns {h.Handler!.ReturnType}")
            .ToList();

        handlers.Select(h => h.Endpoint.RoutePattern.RawText).Should().Contain(["/api/v1/takedowns/", "/api/v1/incidents/", "/api/v1/receipts/"]);
        untyped.Should().BeEmpty("handlers return TypedResults as Results<…> (or one concrete result type), not IResult");
    }

    [Theory]
    [InlineData(typeof(Task<IResult>), false)]
    [InlineData(typeof(ValueTask<IResult>), false)]
    [InlineData(typeof(IResult), false)]
    [InlineData(typeof(Task<object>), false)]
    [InlineData(typeof(Task), false)]
    [InlineData(typeof(Task<Results<Ok<string>, ProblemHttpResult>>), true)]
    [InlineData(typeof(Task<Ok<string>>), true)]
    [InlineData(typeof(string), true)]
    public void The_check_tells_a_typed_result_from_an_untyped_one(Type returnType, bool typed) =>
        IsTyped(returnType).Should().Be(typed);

    /// <summary>A bare <see cref="IResult"/> or <see cref="object"/> hides the responses; so does returning nothing at all.</summary>
    private static bool IsTyped(Type returnType)
    {
        var type = returnType.IsGenericType && (returnType.GetGenericTypeDefinition() == typeof(Task<>) || returnType.GetGenericTypeDefinition() == typeof(ValueTask<>))
            ? returnType.GetGenericArguments()[0]
            : returnType;
        return type != typeof(IResult) && type != typeof(object) && type != typeof(Task) && type != typeof(ValueTask) && type != typeof(void);
    }
}
