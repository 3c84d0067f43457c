using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Moderation.Detection.Classification;
using Moderation.Scanner.Models;

namespace Moderation.Scanner.Tests.Models;

/// <summary>The scanner only loads models: it carries no trainer, and a start with no model cache is served from the file the build shipped.</summary>
public sealed class ModelLoadingSpecs
{
    [Fact]
    public void The_scanner_depends_on_no_ML_NET_assembly()
    {
        IReadOnlyCollection<string> graph = AssemblyGraph(typeof(ModelProvider).Assembly);

        graph.Should().Contain("Moderation.Detection", "the walk must reach the classifier's own assembly");
        graph.Should().NotContain(name => name.StartsWith("Microsoft.ML", StringComparison.Ordinal));
        graph.Should().NotContain("Moderation.Learning");
    }

    [Fact]
    public async Task Without_a_registered_model_the_scanner_serves_the_default_model_the_build_shipped_beside_it()
    {
        ModelFile shipped = ModelFile.Load(ModelFile.ShippedDefaultPath());
        var scanner = new ScannerHarness(withModel: true);
        await scanner.InitializeAsync();
        try
        {
            TextClassifier active = scanner.Services.GetRequiredService<ModelProvider>().Active!;
            active.Version.Should().Be(shipped.Metadata.Version);
            active.Predict("通知", "机密★10年 关于边境地区兵力调整").Should().Be(shipped.Classifier.Predict("通知", "机密★10年 关于边境地区兵力调整"));
        }
        finally
        {
            await scanner.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_missing_default_model_file_stops_the_scanner_and_names_the_file()
    {
        string path = Path.Combine(Path.GetTempPath(), $"no-such-dir-{Guid.NewGuid():N}", ModelFile.DefaultModelFileName);

        string message = await StartFailsAsync(path);

        message.Should().Be($"model file {path} does not exist");
    }

    [Fact]
    public async Task A_damaged_default_model_file_stops_the_scanner_and_says_why()
    {
        string path = Path.Combine(Path.GetTempPath(), $"damaged-{Guid.NewGuid():N}.zip");
        await File.WriteAllTextAsync(path, "half a download");
        try
        {
            string message = await StartFailsAsync(path);

            message.Should().StartWith($"model file {path}: not a moderation model");
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static async Task<string> StartFailsAsync(string defaultModelFile)
    {
        var scanner = new ScannerHarness(withModel: true, new Dictionary<string, string?>
        {
            ["Moderation:Model:DefaultModelFile"] = defaultModelFile,
        });
        try
        {
            var failure = await FluentActions.Awaiting(scanner.InitializeAsync).Should().ThrowAsync<ModelFormatException>();
            return failure.Which.Message;
        }
        finally
        {
            await scanner.DisposeAsync();
        }
    }

    /// <summary>Every assembly <paramref name="root"/> references, directly or through others, by name.</summary>
    private static IReadOnlyCollection<string> AssemblyGraph(Assembly root)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { root.GetName().Name! };
        var pending = new Queue<Assembly>([root]);
        while (pending.TryDequeue(out Assembly? assembly))
        {
            foreach (AssemblyName reference in assembly.GetReferencedAssemblies())
            {
                if (seen.Add(reference.Name!) && !reference.Name!.StartsWith("System", StringComparison.Ordinal))
                {
                    pending.Enqueue(Assembly.Load(reference));
                }
            }
        }

        return seen;
    }
}
