using System.Text.Json;
using Moderation.Detection.Classification;
using Moderation.Learning.Corpus;
using Moderation.Learning.Training;
using Moderation.Testing;

namespace Moderation.Cli.Tests;

public sealed class ModelsCommandTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("moderation-models-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public async Task Import_list_activate_and_rollback_manage_the_models_of_a_running_system()
    {
        var environment = TestCredentials.With(new Dictionary<string, string> { ["ConnectionStrings__Sqlite"] = $"Data Source={Path.Combine(_directory.FullName, "moderation.db")}" });
        await using var system = await ServiceProcess.StartAsync("Moderation.Standalone", environment);
        string api = system.BaseAddress.ToString();
        string defaultVersion = (await ScannerModelAsync(system.BaseAddress, _ => true))!;
        (string firstFile, string first) = Train("first.zip", 0);
        (string secondFile, string second) = Train("second.zip", 1);
        string[] admin = ["--api", api, "--api-key", TestCredentials.AdminKey];

        var empty = await CliRun.RunAsync(["models", "list", .. admin]);
        var imported = await CliRun.RunAsync(["models", "import", firstFile, .. admin]);
        var again = await CliRun.RunAsync(["models", "import", firstFile, .. admin]);
        await CliRun.RunAsync(["models", "import", secondFile, .. admin]);
        var officer = await CliRun.RunAsync(["models", "activate", first, "--api", api, "--api-key", TestCredentials.OfficerKey]);
        var activatedFirst = await CliRun.RunAsync(["models", "activate", first, .. admin]);
        var activatedSecond = await CliRun.RunAsync(["models", "activate", second, .. admin]);
        string? afterActivation = await ScannerModelAsync(system.BaseAddress, v => v == second);
        var listed = await CliRun.RunAsync(["models", "list", .. admin]);
        var rolledBack = await CliRun.RunAsync(["models", "rollback", .. admin]);
        string? afterRollback = await ScannerModelAsync(system.BaseAddress, v => v == first);
        var unknown = await CliRun.RunAsync(["models", "activate", "nope", .. admin]);
        string junk = Path.Combine(_directory.FullName, "junk.zip");
        await File.WriteAllTextAsync(junk, "not a zip");
        var notAModel = await CliRun.RunAsync(["models", "import", junk, .. admin]);

        empty.Output.Should().Contain("no models imported; the default model");
        imported.ExitCode.Should().Be(0, imported.Error);
        imported.Output.Should().Contain($"imported {first} [Imported]").And.Contain("by " + TestCredentials.AdminKeyName);
        again.Output.Should().Contain($"already imported {first}");
        officer.ExitCode.Should().Be(1);
        officer.Error.Should().Contain("403").And.Contain("models are managed with an administrator's key");
        activatedFirst.Output.Should().Contain($"activated {first} [Active]");
        activatedSecond.Output.Should().Contain($"activated {second} [Active]");
        listed.Output.Should().Contain($"{second} [Active]").And.Contain($"{first} [Retired]");
        rolledBack.Output.Should().Contain($"rolled back to {first} [Active]");
        unknown.ExitCode.Should().Be(1);
        unknown.Error.Should().Contain("404").And.Contain("'nope'");
        notAModel.ExitCode.Should().Be(1);
        notAModel.Error.Should().Contain("not a moderation model");

        // The running scanner follows every change without a restart.
        defaultVersion.Should().NotBe(first).And.NotBe(second);
        afterActivation.Should().Be(second);
        afterRollback.Should().Be(first);
    }

    private (string Path, string Version) Train(string name, int offset)
    {
        var sample = CorpusFile.LoadShipped().Where(e => e.Split == CorpusSplits.Train).Where((_, i) => i % 5 == offset).ToList();
        using var model = ModelTrainer.Train(sample, FeatureSettings.Default);
        string path = Path.Combine(_directory.FullName, name);
        model.Save(path);
        return (path, model.Metadata.Version);
    }

    private static async Task<string?> ScannerModelAsync(Uri system, Func<string?, bool> expected)
    {
        using var http = new HttpClient { BaseAddress = system }.WithApiKey(TestCredentials.AdminKey);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        string? version;
        do
        {
            using var status = JsonDocument.Parse(await http.GetStringAsync("/api/v1/scanner"));
            version = status.RootElement.GetProperty("modelVersion").GetString();
            if (expected(version))
            {
                return version;
            }

            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);
        return version;
    }
}
