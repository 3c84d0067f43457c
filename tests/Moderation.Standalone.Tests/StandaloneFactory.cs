using Moderation.Standalone;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Moderation.Standalone.Tests;

/// <summary>The standalone host in process, over its own SQLite file.</summary>
public sealed class StandaloneFactory(string sqliteConnectionString) : WebApplicationFactory<StandaloneAssembly>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Sqlite", sqliteConnectionString);
        // The embedded defaults, whatever servers tests/run.sh exported for the integration tests.
        builder.UseSetting("ConnectionStrings:Postgres", "");
        builder.UseSetting("ConnectionStrings:RabbitMq", "");
        builder.UseSetting("ConnectionStrings:Redis", "");
        builder.UseEnvironment("Production");
    }
}
