using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Moderation.Detection.Classification;
using Moderation.Integration.Tests.Support;
using Moderation.Learning.Corpus;
using Moderation.Learning.Training;
using Moderation.Storage.Models;
using Moderation.Testing;
using static Moderation.Integration.Tests.Support.ForumClient;

namespace Moderation.Integration.Tests;

/// <summary>
/// A model imported and activated through the API reaches every running scanner without a restart,
/// over the broker; a rollback too; and a scanner that missed the notice catches up from the registry.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class ModelActivationSpecs : PipelineSpecs
{
    // The broadcast must be what switches the scanners, not their periodic check of the registry.
    private static readonly Dictionary<string, string> SlowCheck = new() { ["Moderation__Model__RefreshInterval"] = "00:10:00" };

    [Fact]
    public async Task Both_scanners_switch_to_the_activated_model_score_with_it_and_switch_back_on_rollback()
    {
        byte[] first = Train(0);
        byte[] second = Train(1);
        var api = await Pipeline.StartApiAsync();
        var scanners = new[] { await Pipeline.StartScannerAsync(withModel: true, SlowCheck), await Pipeline.StartScannerAsync(withModel: true, SlowCheck) };
        using var http = new HttpClient { BaseAddress = api.BaseAddress }.WithApiKey(TestCredentials.AdminKey);
        string defaultVersion = (await VersionsAsync(scanners)).Distinct().Should().ContainSingle("both start on the default model").Subject;

        string firstVersion = await ImportAsync(http, first);
        string secondVersion = await ImportAsync(http, second);
        firstVersion.Should().NotBe(secondVersion).And.NotBe(defaultVersion);

        await ActivateAsync(http, firstVersion);
        await ExpectAsync(scanners, firstVersion);
        await using (var forum = await Pipeline.ConnectForumAsync())
        {
            for (var i = 0; i < 10; i++)
            {
                await forum.PublishAsync(Posts.Create(Pipeline.BoardId, $"model-{i}", "听说部队下周开拔，坐标另行下发"));
            }

            var verdicts = await forum.ReadAsync(Pipeline.VerdictQueue, r => r.Count >= 10, TimeSpan.FromSeconds(60));
            verdicts.Should().HaveCount(10, Pipeline.ServiceLogs);
            verdicts.Should().OnlyContain(v => Text(v, "modelVersion") == firstVersion);
            verdicts.Should().OnlyContain(v => v.GetProperty("reasons").EnumerateArray().Any(r => Text(r, "rule") == "model" && Text(r, "model") == firstVersion));
        }

        (await Pipeline.ScalarAsync<long>("SELECT COUNT(*) FROM scans WHERE model_version = @firstVersion AND model_probability IS NOT NULL", new { firstVersion }))
            .Should().Be(10, "each scan records the model that scored it");

        await ActivateAsync(http, secondVersion);
        await ExpectAsync(scanners, secondVersion);

        var rolledBack = await http.PostAsync("/api/v1/models/rollback", null);
        rolledBack.StatusCode.Should().Be(HttpStatusCode.OK, await rolledBack.Content.ReadAsStringAsync());
        await ExpectAsync(scanners, firstVersion);

        var nothingLeft = await http.PostAsync("/api/v1/models/rollback", null);
        nothingLeft.StatusCode.Should().Be(HttpStatusCode.Conflict, "the first activation replaced no registered model");
        (await VersionsAsync(scanners)).Should().OnlyContain(v => v == firstVersion);
    }

    [Fact]
    public async Task A_scanner_that_missed_the_notice_switches_at_its_next_check_of_the_registry()
    {
        byte[] file = Train(2);
        await Pipeline.StartApiAsync(); // it registers the test keys the scanner's status endpoint checks
        var scanner = await Pipeline.StartScannerAsync(withModel: true, new Dictionary<string, string> { ["Moderation__Model__RefreshInterval"] = "00:00:01" });
        using var model = ModerationModel.Load(new MemoryStream(file));
        var registry = new ModelRepository(Pipeline.Database.Database, TimeProvider.System);

        // Straight into the registry, as if the broker had been away: no notice is sent.
        await registry.ImportAsync(new ModelRegistration(model.Metadata.Version, model.Metadata.Recipe, model.Metadata.DataHash, model.Metadata.TrainingExamples, "{}", null, null, null), file, "test", CancellationToken.None);
        await registry.ActivateAsync(model.Metadata.Version, "test", CancellationToken.None);

        await ExpectAsync([scanner], model.Metadata.Version);
    }

    [Fact]
    public async Task A_file_that_is_not_a_model_is_refused_and_an_unknown_version_cannot_be_activated()
    {
        var api = await Pipeline.StartApiAsync();
        using var http = new HttpClient { BaseAddress = api.BaseAddress }.WithApiKey(TestCredentials.AdminKey);
        using var junk = new ByteArrayContent("not a zip"u8.ToArray());
        junk.Headers.ContentType = new MediaTypeHeaderValue("application/zip");

        var refused = await http.PostAsync("/api/v1/models", junk);
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("not a moderation model");
        (await http.PostAsync("/api/v1/models/no-such-version/activate", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await Pipeline.ScalarAsync<long>("SELECT COUNT(*) FROM models")).Should().Be(0);
    }

    /// <summary>A small model of its own: a fifth of the training split, offset so each one is a different version.</summary>
    private static byte[] Train(int offset)
    {
        var sample = CorpusFile.LoadShipped().Where(e => e.Split == CorpusSplits.Train).Where((_, i) => i % 5 == offset).ToList();
        using var model = ModelTrainer.Train(sample, FeatureSettings.Default);
        return model.ToBytes();
    }

    private static async Task<string> ImportAsync(HttpClient http, byte[] file)
    {
        using var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        var response = await http.PostAsync("/api/v1/models", content);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Created, body);
        using var summary = JsonDocument.Parse(body);
        summary.RootElement.GetProperty("rocAuc").ValueKind.Should().Be(JsonValueKind.Null, "a model trained without a test split has no figures");
        return summary.RootElement.GetProperty("version").GetString()!;
    }

    private static async Task ActivateAsync(HttpClient http, string version)
    {
        var response = await http.PostAsync($"/api/v1/models/{version}/activate", null);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private async Task ExpectAsync(ServiceProcess[] scanners, string version)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        string[] versions;
        while ((versions = await VersionsAsync(scanners)).Any(v => v != version) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        versions.Should().OnlyContain(v => v == version, Pipeline.ServiceLogs);
    }

    private static async Task<string[]> VersionsAsync(IEnumerable<ServiceProcess> scanners)
    {
        var versions = new List<string>();
        foreach (var scanner in scanners)
        {
            using var http = new HttpClient { BaseAddress = scanner.BaseAddress }.WithApiKey(TestCredentials.AdminKey);
            using var status = JsonDocument.Parse(await http.GetStringAsync("/api/v1/scanner"));
            versions.Add(status.RootElement.GetProperty("modelVersion").GetString()!);
        }

        return [.. versions];
    }
}
