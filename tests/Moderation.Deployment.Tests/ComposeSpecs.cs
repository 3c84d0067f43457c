using System.Text.RegularExpressions;
using Moderation.Deployment.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Moderation.Deployment.Tests;

/// <summary>
/// deploy/compose/compose.yaml, read as compose reads it (no container engine runs here): the whole
/// stack, the services built from the images' Dockerfiles and run as the chart runs them.
/// </summary>
public sealed partial class ComposeSpecs
{
    private static readonly string[] Built = ["api", "scanner", "notifier", "migration"];

    private static YamlNode Compose()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Repository.File("deploy", "compose", "compose.yaml"))));
        return stream.Documents[0].RootNode;
    }

    [Fact]
    public void The_stack_has_every_server_and_service_each_built_from_its_dockerfile_and_run_read_only()
    {
        var services = Compose().At("services");

        services.Keys().Should().Contain(["rabbitmq", "postgres", "redis", "api", "scanner", "notifier", "migration"]);
        foreach (var name in Built)
        {
            var service = services.At(name);
            var dockerfile = service.Text("build", "dockerfile")!;
            File.Exists(Repository.File(dockerfile.Split('/'))).Should().BeTrue($"{name} builds {dockerfile}");
            service.Text("build", "context").Should().Be("../..", $"{name} builds from the repository root");
            service.Text("read_only").Should().Be("true", name);
            service.At("tmpfs").Items().Select(t => t.Text()).Should().Equal(["/tmp"], name);
            service.At("cap_drop").Items().Select(t => t.Text()).Should().Equal(["ALL"], name);
        }

        foreach (var name in (string[])["api", "scanner", "notifier"])
        {
            services.Text(name, "environment", "Moderation__Storage__MigrateOnStart").Should().Be("false", name);
            services.Text(name, "depends_on", "migration", "condition").Should().Be("service_completed_successfully", name);
        }

        services.At("migration", "command").Items().Select(c => c.Text()).Should().Equal("migrate");
    }

    [Fact]
    public void No_password_is_written_into_the_compose_file()
    {
        var text = File.ReadAllText(Repository.File("deploy", "compose", "compose.yaml"));

        foreach (Match credential in Credential().Matches(text))
        {
            credential.Groups["value"].Value.Should().StartWith("$", $"'{credential.Value}' must come from .env");
        }

        Credential().Matches(text).Should().NotBeEmpty("the file does pass credentials, from variables");
    }

    // A value is a ${VARIABLE...} reference or a literal; either way the whole of it is taken.
    [GeneratedRegex(@"(?i)(password=|_PASS(WORD)?:\s*|Secret:\s*|--requirepass,\s*"")(?<value>\$\{[^}]*\}|[^;@\s""/]+)|//[a-z-]+:(?<value>\$\{[^}]*\}|[^;@\s""/]+)@")]
    private static partial Regex Credential();
}
