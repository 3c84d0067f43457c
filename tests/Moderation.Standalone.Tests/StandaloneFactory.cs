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
        builder.UseEnvironment("Production");
    }
}
