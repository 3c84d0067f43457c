using Moderation.Standalone;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Moderation.Testing;

namespace Moderation.Standalone.Tests;

/// <summary>
/// The standalone host in process, over its own SQLite file, or over a PostgreSQL database of its own
/// when <paramref name="postgresConnectionString"/> is given (for what only PostgreSQL refuses, such as NUL),
/// with any <paramref name="settings"/> over the tests' defaults.
/// </summary>
public sealed class StandaloneFactory(string sqliteConnectionString, bool seedDemoPosts = false, string? postgresConnectionString = null, IReadOnlyDictionary<string, string>? settings = null)
    : WebApplicationFactory<StandaloneAssembly>
{
    /// <summary>A client that sends <paramref name="apiKey"/>, over HTTPS so secure cookies flow too.</summary>
    public HttpClient CreateClient(string apiKey) =>
        CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") }).WithApiKey(apiKey);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Sqlite", sqliteConnectionString);
        // The embedded defaults, whatever servers tests/run.sh exported for the integration tests.
        builder.UseSetting("ConnectionStrings:Postgres", postgresConnectionString ?? "");
        builder.UseSetting("ConnectionStrings:RabbitMq", "");
        builder.UseSetting("ConnectionStrings:RabbitMqManagement", "");
        builder.UseSetting("ConnectionStrings:Redis", "");
        builder.UseEnvironment("Production");
        // Tests make their own cases; the demo posts are proven by a test of their own.
        builder.UseSetting("Moderation:Review:SeedDemoPosts", seedDemoPosts ? "true" : "false");
        foreach (var (name, value) in TestCredentials.Settings.Concat(settings ?? new Dictionary<string, string>()))
        {
            builder.UseSetting(name, value);
        }
    }
}
