using System.Xml.Linq;
using Moderation.Testing;

namespace Moderation.Standalone.Tests.Architecture;

/// <summary>
/// The layering the modules promise in ARCHITECTURE.md, read from the project files so that a new
/// reference that breaks it fails here instead of drifting: service defaults know no domain rule,
/// the pure modules stand alone, and no running service carries the training library.
/// </summary>
public sealed class ModuleLayeringSpecs
{
    private static readonly string Root = ServiceProcess.FindRepositoryRoot(AppContext.BaseDirectory);

    [Theory]
    [InlineData("shared/Moderation.Contracts")]
    [InlineData("shared/Moderation.Detection")]
    [InlineData("shared/Moderation.Webhooks")]
    public void A_pure_module_references_no_other_module(string module)
    {
        References(module).Should().BeEmpty();
    }

    [Fact]
    public void Service_defaults_reference_the_contracts_alone()
    {
        References("shared/Moderation.Hosting").Should().Equal("Moderation.Contracts");
    }

    [Fact]
    public void Verdicts_know_the_contracts_and_detection_but_no_storage()
    {
        References("shared/Moderation.Verdicts").Should().BeEquivalentTo("Moderation.Contracts", "Moderation.Detection");
    }

    [Fact]
    public void No_shared_module_references_a_service()
    {
        var shared = Directory.GetDirectories(Path.Combine(Root, "shared")).Select(d => "shared/" + Path.GetFileName(d));
        foreach (var module in shared)
        {
            References(module).Should().NotContain(r => r.StartsWith("Moderation.Api") || r.StartsWith("Moderation.Scanner") || r.StartsWith("Moderation.Notifier") || r.StartsWith("Moderation.Standalone"), module);
        }
    }

    [Theory]
    [InlineData("services/Moderation.Scanner")]
    [InlineData("services/Moderation.Api")]
    [InlineData("services/Moderation.Notifier")]
    public void A_running_service_does_not_carry_the_training_library(string service)
    {
        References(service).Should().NotContain("Moderation.Learning");
    }

    private static IReadOnlyList<string> References(string module)
    {
        var directory = Path.Combine(Root, module);
        var project = Directory.GetFiles(directory, "*.csproj").Should().ContainSingle($"{module} has one project file").Subject;
        return XDocument.Load(project).Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension((string)r.Attribute("Include")!))
            .ToList();
    }
}
