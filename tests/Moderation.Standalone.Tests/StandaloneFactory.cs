using Moderation.Standalone;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Moderation.Testing;

namespace Moderation.Standalone.Tests;

/// <summary>The standalone host in process, over its own SQLite file.</summary>
public sealed class StandaloneFactory(string sqliteConnectionString, bool seedDemoPosts = false) : WebApplicationFactory<StandaloneAssembly>
{
    /// <summary>A client that sends <paramref name="apiKey"/>, over HTTPS so secure cookies flow too.</summary>
    public HttpClient CreateClient(string apiKey) =>
        CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") }).WithApiKey(apiKey);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Sqlite", sqliteConnectionString);
        // The embedded defaults, whatever servers tests/run.sh exported for the integration tests.
        builder.UseSetting("ConnectionStrings:Postgres", "");
        builder.UseSetting("ConnectionStrings:RabbitMq", "");
        builder.UseSetting("ConnectionStrings:RabbitMqManagement", "");
        builder.UseSetting("ConnectionStrings:Redis", "");
        builder.UseEnvironment("Production");
        // Tests make their own cases; the demo posts are proven by a test of their own.
        builder.UseSetting("Moderation:Review:SeedDemoPosts", seedDemoPosts ? "true" : "false");
        foreach (var (name, value) in TestCredentials.Settings)
        {
            builder.UseSetting(name, value);
        }
    }
}
