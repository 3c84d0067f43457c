using Moderation.Deployment.Tests.Support;
using Moderation.Storage.Database;
using Moderation.Storage.Migrations;
using Moderation.Testing;

namespace Moderation.Deployment.Tests;

/// <summary>
/// No container engine runs here, so the images are proved as far as one can without: each service
/// is published with the exact command of its Dockerfile, and the output starts from a read-only
/// copy as a non-root user with the image's environment and the chart's settings (the schema
/// migrated beforehand by the published command line, as the chart's Job does, and
/// MigrateOnStart off), and answers its health checks on the real servers.
/// </summary>
public sealed class PublishedImageSpecs(PublishedImages images) : IClassFixture<PublishedImages>
{
    public static TheoryData<string, string> Services => new()
    {
        { "api", "Moderation.Api" },
        { "scanner", "Moderation.Scanner" },
        { "notifier", "Moderation.Notifier" },
    };

    [Theory]
    [MemberData(nameof(Services))]
    [InlineData("cli", "Moderation.Cli")]
    public void Each_image_publishes_its_project_with_the_one_publish_script_and_runs_without_the_sdk_as_the_app_user(string image, string project)
    {
        var dockerfile = Dockerfile.Read(image);

        dockerfile.PublishCommand.Should().Equal("deploy/images/publish.sh", project);
        dockerfile.BaseImages.Should().HaveCount(2).And.StartWith("mcr.microsoft.com/dotnet/sdk:10.0");
        dockerfile.BaseImages[^1].Should().MatchRegex(@"^mcr\.microsoft\.com/dotnet/(aspnet|runtime):10\.0$", "the final image carries a runtime, not the SDK");
        dockerfile.User.Should().Be("1654:1654", "the .NET images' non-root user 'app'");
        dockerfile.Entrypoint[0].Should().Be("dotnet");
        File.Exists(Repository.File(".dockerignore")).Should().BeTrue();
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Published_as_its_image_builds_it_the_service_starts_read_only_as_a_non_root_user_and_answers_its_health_checks(string image, string project)
    {
        var dockerfile = Dockerfile.Read(image);
        dockerfile.Entrypoint[1].Should().Be($"{project}.dll");
        var app = await images.GetAsync(dockerfile);
        var cli = Dockerfile.Read("cli");
        var cliApp = await images.GetAsync(cli);
        await using var database = await ScratchDatabase.CreatePostgresAsync(migrate: false);
        using var broker = new BrokerManagement();
        var vhost = await broker.CreateVirtualHostWithDeployedDefinitionsAsync();
        try
        {
            await using (var migration = PublishedService.Start(cli, cliApp, new Dictionary<string, string>
            {
                ["MODERATION_CONNECTION_STRING"] = database.ConnectionString,
            }, "migrate"))
            {
                (await migration.WaitForExitAsync(TimeSpan.FromMinutes(2))).Should().Be(0, migration.Log);
                migration.Log.Should().Contain($"({MigrationCatalog.For(StorageProvider.Postgres).Count} migration(s) applied now)");
            }

            await using var service = PublishedService.Start(dockerfile, app, new Dictionary<string, string>
            {
                ["ConnectionStrings__Postgres"] = database.ConnectionString,
                ["ConnectionStrings__RabbitMq"] = BrokerManagement.ServiceUrl(vhost),
                ["ConnectionStrings__Redis"] = TestServers.Redis,
                ["Moderation__Storage__MigrateOnStart"] = "false",
                ["Moderation__Fingerprints__Secret"] = "published-image-test-secret-0123456789abcdef",
            });

            (await service.WaitForAsync("/health/live", TimeSpan.FromMinutes(2))).Should().Be(System.Net.HttpStatusCode.OK);
            (await service.WaitForAsync("/health/ready", TimeSpan.FromMinutes(2))).Should().Be(System.Net.HttpStatusCode.OK);
            service.User.Should().NotBe("root");
            (await File.ReadAllTextAsync($"/proc/{service.ProcessId}/status")).Should().MatchRegex(@"\nUid:\s+(?!0\s)\d+", "the process runs as its non-root user");
            Directory.EnumerateFileSystemEntries(app).Should().Contain(Path.Combine(app, $"{project}.dll"));
            service.Log.Should().NotContain("Unhandled exception").And.NotContain("is denied");
        }
        finally
        {
            await broker.DeleteVirtualHostAsync(vhost);
        }
    }

    /// <summary>The runtime settings chosen by measurement (each project file says which) reach the image, not only a local build.</summary>
    [Theory]
    [InlineData("scanner", "System.GC.Server", "false")]
    [InlineData("scanner", "System.Runtime.TieredPGO", "false")]
    [InlineData("scanner", "System.GC.ConserveMemory", "7")]
    [InlineData("api", "System.Threading.ThreadPool.UnfairSemaphoreSpinLimit", "0")]
    [InlineData("notifier", "System.Threading.ThreadPool.UnfairSemaphoreSpinLimit", "0")]
    public async Task The_published_service_carries_the_runtime_settings_its_load_measurements_chose(string image, string setting, string expected)
    {
        var dockerfile = Dockerfile.Read(image);
        var app = await images.GetAsync(dockerfile);
        var project = Path.GetFileNameWithoutExtension(dockerfile.Entrypoint[1]);

        using var config = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(app, $"{project}.runtimeconfig.json")));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        properties.TryGetProperty(setting, out var value).Should().BeTrue($"{project}.runtimeconfig.json should set {setting}");
        value.GetRawText().Should().Be(expected);
    }
}
