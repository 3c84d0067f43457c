using System.Text.Json;
using Moderation.Detection.Classification;
using Moderation.Learning.Corpus;
using Moderation.Learning.Training;

namespace Moderation.Cli.Tests;

/// <summary><c>moderation scan</c> with the classifier: the default model unless told otherwise.</summary>
public sealed class ScanWithModelTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("moderation-scan-model-").FullName;

    private string InputPath => Path.Combine(_directory, "posts.jsonl");

    private string OutputPath => Path.Combine(_directory, "verdicts.jsonl");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task The_default_model_scores_every_post_and_its_reason_names_version_and_probability()
    {
        await File.WriteAllLinesAsync(InputPath, [JsonSerializer.Serialize(new { id = "p1", body = "附件：机密★10年，请查收" })]);

        List<JsonElement> withModel = await ScanAsync();
        List<JsonElement> rulesOnly = await ScanAsync("--no-model");

        JsonElement verdict = withModel.Single();
        JsonElement modelReason = verdict.GetProperty("reasons").EnumerateArray().Single(r => r.GetProperty("rule").GetString() == "model");
        double probability = modelReason.GetProperty("probability").GetDouble();
        string version = verdict.GetProperty("modelVersion").GetString()!;
        modelReason.GetProperty("model").GetString().Should().Be(version);
        modelReason.GetProperty("field").GetString().Should().Be("post");
        modelReason.GetProperty("description").GetString().Should().Contain(version).And.Contain(probability.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture));
        double rules = rulesOnly.Single().GetProperty("score").GetDouble();
        double evidence = Moderation.Detection.ScanPolicy.Default.ModelEvidence(probability);
        verdict.GetProperty("score").GetDouble().Should().BeGreaterThanOrEqualTo(rules - 2e-4, "noisy-OR of rules and model: the model adds, never takes away");
        evidence.Should().BeInRange(0, 1);
        rulesOnly.Single().TryGetProperty("modelVersion", out _).Should().BeFalse();
    }

    [Fact]
    public async Task Troop_movements_without_a_marking_pass_the_rules_and_are_held_with_the_model()
    {
        CorpusExample[] deployments = [.. CorpusFile.LoadShipped().Where(e => e.Split == CorpusSplits.Test && e.Category == "military-deployment")];
        await File.WriteAllLinesAsync(InputPath, deployments.Select(e => JsonSerializer.Serialize(new { id = e.Id, title = e.Title, body = e.Body })));

        List<JsonElement> withModel = await ScanAsync();
        List<JsonElement> rulesOnly = await ScanAsync("--no-model");

        deployments.Should().HaveCountGreaterThan(50);
        int rulesHeld = rulesOnly.Count(v => v.GetProperty("action").GetString() != "publish");
        int bothHeld = withModel.Count(v => v.GetProperty("action").GetString() != "publish");
        bothHeld.Should().BeGreaterThan(rulesHeld, "the model catches movements the military rules miss");
        bothHeld.Should().BeGreaterThanOrEqualTo(deployments.Length / 2, "at the forum's base rate the model holds only what it is sure of");
    }

    [Fact]
    public async Task A_model_file_replaces_the_default_and_a_file_that_is_not_a_model_is_a_usage_error()
    {
        CorpusExample[] sample = [.. CorpusFile.LoadShipped().Where(e => e.Split == CorpusSplits.Train).Where((_, i) => i % 4 == 0)];
        using ModerationModel model = ModelTrainer.Train(sample, FeatureSettings.Default);
        string modelPath = Path.Combine(_directory, "small.zip");
        model.Save(modelPath);
        await File.WriteAllLinesAsync(InputPath, [JsonSerializer.Serialize(new { id = "p1", body = "今天天气很好" })]);

        List<JsonElement> verdicts = await ScanAsync("--model", modelPath);
        verdicts.Single().GetProperty("modelVersion").GetString().Should().Be(model.Metadata.Version);

        string notAModel = Path.Combine(_directory, "notes.zip");
        await File.WriteAllTextAsync(notAModel, "not a zip");
        CliRun run = await CliRun.RunAsync(["scan", "--input", InputPath, "--output", OutputPath, "--model", notAModel]);
        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain("scan: cannot use model").And.Contain("not a moderation model");
    }

    private async Task<List<JsonElement>> ScanAsync(params string[] options)
    {
        CliRun run = await CliRun.RunAsync(["scan", "--input", InputPath, "--output", OutputPath, .. options]);
        run.ExitCode.Should().Be(0, run.Error);
        return [.. (await File.ReadAllLinesAsync(OutputPath)).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement)];
    }
}
