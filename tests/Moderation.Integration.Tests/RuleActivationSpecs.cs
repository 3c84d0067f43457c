using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Moderation.Integration.Tests.Support;
using Moderation.Testing;
using static Moderation.Integration.Tests.Support.ForumClient;

namespace Moderation.Integration.Tests;

/// <summary>A rule set activated through the API reaches every running scanner without a restart.</summary>
[Collection(PipelineCollection.Name)]
public sealed class RuleActivationSpecs : PipelineSpecs
{
    private const string RuleSet = """
        {
          "version": "codename-1",
          "policy": { "removeRequires": { "corroboratingCategories": ["custom", "secrecy-marking", "fingerprint"] } },
          "rules": [
            { "id": "project-codename", "category": "custom", "kind": "terms", "terms": ["蓝鲸计划"], "weight": 0.95,
              "description": "Protected project codename" }
          ]
        }
        """;

    [Fact]
    public async Task Both_scanners_switch_to_the_activated_rule_set_and_scan_with_it()
    {
        var api = await Pipeline.StartApiAsync();
        var scanners = new[] { await Pipeline.StartScannerAsync(), await Pipeline.StartScannerAsync() };
        using var http = new HttpClient { BaseAddress = api.BaseAddress }.WithApiKey(TestCredentials.AdminKey);
        (await VersionsAsync(scanners)).Should().OnlyContain(v => v != "codename-1");

        var imported = await http.PostAsync("/api/v1/rule-sets", new StringContent(RuleSet, Encoding.UTF8, "application/json"));
        imported.StatusCode.Should().Be(HttpStatusCode.Created, await imported.Content.ReadAsStringAsync());
        var activated = await http.PostAsync("/api/v1/rule-sets/codename-1/activate", null);
        activated.StatusCode.Should().Be(HttpStatusCode.OK, await activated.Content.ReadAsStringAsync());

        // The notice travels over the broker; the 30-second database check must not be what switches them.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        string[] versions;
        while ((versions = await VersionsAsync(scanners)).Any(v => v != "codename-1") && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        versions.Should().OnlyContain(v => v == "codename-1", Pipeline.ServiceLogs);

        await using var forum = await Pipeline.ConnectForumAsync();
        for (var i = 0; i < 20; i++)
        {
            await forum.PublishAsync(Posts.Create(Pipeline.BoardId, $"codename-{i}", "听说蓝鲸计划下个月启动"));
        }

        var verdicts = await forum.ReadAsync(Pipeline.VerdictQueue, r => r.Count >= 20, TimeSpan.FromSeconds(60));
        verdicts.Should().HaveCount(20, Pipeline.ServiceLogs);
        verdicts.Should().OnlyContain(v => Text(v, "ruleSetVersion") == "codename-1" && Text(v, "action") == "Remove");
    }

    [Fact]
    public async Task A_rule_set_that_does_not_compile_is_refused_with_the_rule_and_nothing_changes()
    {
        var api = await Pipeline.StartApiAsync();
        using var http = new HttpClient { BaseAddress = api.BaseAddress }.WithApiKey(TestCredentials.AdminKey);
        const string broken = """{"version":"broken-1","rules":[{"id":"bad-pattern","category":"custom","kind":"pattern","pattern":"(unclosed","weight":0.5,"description":"d"}]}""";

        var response = await http.PostAsync("/api/v1/rule-sets", new StringContent(broken, Encoding.UTF8, "application/json"));
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        problem.RootElement.GetProperty("ruleId").GetString().Should().Be("bad-pattern");
        problem.RootElement.GetProperty("detail").GetString().Should().Contain("does not compile");
        (await http.GetFromJsonAsync<JsonElement[]>("/api/v1/rule-sets")).Should().BeEmpty();
        (await http.PostAsync("/api/v1/rule-sets/broken-1/activate", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    private static async Task<string[]> VersionsAsync(IEnumerable<ServiceProcess> scanners)
    {
        var versions = new List<string>();
        foreach (var scanner in scanners)
        {
            using var http = new HttpClient { BaseAddress = scanner.BaseAddress }.WithApiKey(TestCredentials.AdminKey);
            using var status = JsonDocument.Parse(await http.GetStringAsync("/api/v1/scanner"));
            versions.Add(status.RootElement.GetProperty("ruleSetVersion").GetString()!);
        }

        return [.. versions];
    }
}
