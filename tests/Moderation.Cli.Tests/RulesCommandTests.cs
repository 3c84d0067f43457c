using System.Text.Json;
using Moderation.Testing;

namespace Moderation.Cli.Tests;

public sealed class RulesCommandTests : IDisposable
{
    private const string CodenameRules = """
        { "version": "codename-1", "rules": [
          { "id": "project-codename", "category": "custom", "kind": "terms", "terms": ["蓝鲸计划"], "weight": 0.95, "description": "Protected project codename" } ] }
        """;

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("moderation-rules-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public async Task A_rule_set_that_compiles_is_summarised()
    {
        var run = await CliRun.RunAsync(["rules", "validate", Write("rules.json", CodenameRules)]);

        run.ExitCode.Should().Be(0, run.Error);
        run.Output.Should().Contain("rule set codename-1 compiles: 1 rules (1 custom)");
    }

    [Fact]
    public async Task A_rule_set_that_does_not_compile_names_the_rule_and_the_reason()
    {
        var broken = """{"version":"b","rules":[{"id":"bad-pattern","category":"custom","kind":"pattern","pattern":"(unclosed","weight":0.5,"description":"d"}]}""";

        var run = await CliRun.RunAsync(["rules", "validate", Write("broken.json", broken)]);

        run.ExitCode.Should().Be(1);
        run.Error.Should().Contain("broken.json: Rule 'bad-pattern': pattern does not compile");
    }

    [Fact]
    public async Task A_sample_shows_every_post_whose_decision_the_new_rules_would_change()
    {
        var sample = Write("sample.jsonl", """
            {"id":"plain","body":"周末去爬山"}
            {"id":"codename","body":"关于蓝鲸计划的进展"}
            {"id":"marked","body":"机密★10年 内部资料"}
            """);

        var run = await CliRun.RunAsync(["rules", "validate", Write("rules.json", CodenameRules), "--sample", sample]);

        run.ExitCode.Should().Be(0, run.Error);
        run.Output.Should().Contain("line 2 codename: publish -> hold").And.Contain("rules project-codename");
        run.Output.Should().Contain("line 3 marked: remove -> publish");
        run.Output.Should().NotContain("plain");
        run.Output.Should().Contain("3 posts: codename-1 decides 2 publish, 1 hold, 0 remove").And.Contain("2 change.");
    }

    [Fact]
    public async Task An_unreachable_api_is_a_usage_error_that_says_how_to_point_at_it()
    {
        var run = await CliRun.RunAsync(["rules", "list", "--api", "http://127.0.0.1:9", "--api-key", "mod_some-key"]);

        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain("cannot reach the moderation API at http://127.0.0.1:9").And.Contain("--api");
    }

    [Fact]
    public async Task A_rules_command_without_an_api_key_says_how_to_give_one()
    {
        var run = await CliRun.RunAsync(["rules", "list", "--api", "http://127.0.0.1:9"]);

        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain("--api-key").And.Contain("MODERATION_API_KEY");
    }

    [Fact]
    public async Task Import_activate_list_and_export_manage_the_rules_of_a_running_system()
    {
        var environment = TestCredentials.With(new Dictionary<string, string> { ["ConnectionStrings__Sqlite"] = $"Data Source={Path.Combine(_directory.FullName, "moderation.db")}" });
        await using var system = await ServiceProcess.StartAsync("Moderation.Standalone", environment);
        var api = system.BaseAddress.ToString();
        var file = Write("rules.json", CodenameRules);

        var imported = await CliRun.RunAsync(["rules", "import", file, "--api", api, "--api-key", TestCredentials.AdminKey]);
        var again = await CliRun.RunAsync(["rules", "import", file, "--api", api, "--api-key", TestCredentials.AdminKey]);
        var changed = await CliRun.RunAsync(["rules", "import", Write("changed.json", CodenameRules.Replace("0.95", "0.9", StringComparison.Ordinal)), "--api", api, "--api-key", TestCredentials.AdminKey]);
        var activated = await CliRun.RunAsync(["rules", "activate", "codename-1", "--api", api, "--api-key", TestCredentials.AdminKey]);
        var unknown = await CliRun.RunAsync(["rules", "activate", "nope", "--api", api, "--api-key", TestCredentials.AdminKey]);
        var listed = await CliRun.RunAsync(["rules", "list", "--api", api, "--api-key", TestCredentials.AdminKey]);
        var refused = await CliRun.RunAsync(["rules", "list", "--api", api, "--api-key", "mod_not-a-key-anyone-was-given"]);
        var officer = await CliRun.RunAsync(["rules", "activate", "codename-1", "--api", api, "--api-key", TestCredentials.OfficerKey]);
        var exported = Path.Combine(_directory.FullName, "exported.json");
        var export = await CliRun.RunAsync(["rules", "export", "codename-1", "--api", api, "--api-key", TestCredentials.AdminKey, "--output", exported]);

        imported.ExitCode.Should().Be(0, imported.Error);
        imported.Output.Should().Contain("imported codename-1 [Imported] 1 rules").And.Contain("by " + TestCredentials.AdminKeyName);
        again.Output.Should().Contain("already imported codename-1");
        changed.ExitCode.Should().Be(1);
        changed.Error.Should().Contain("409").And.Contain("give the changed rule set a new version");
        activated.Output.Should().Contain("activated codename-1 [Active]").And.Contain("by " + TestCredentials.AdminKeyName);
        unknown.ExitCode.Should().Be(1);
        unknown.Error.Should().Contain("404").And.Contain("'nope'");
        listed.Output.Should().Contain("codename-1 [Active]");
        refused.ExitCode.Should().Be(1);
        refused.Error.Should().Contain("401").And.Contain("unknown or revoked");
        officer.ExitCode.Should().Be(1);
        officer.Error.Should().Contain("403").And.Contain("administrator's key");
        export.ExitCode.Should().Be(0, export.Error);
        (await File.ReadAllTextAsync(exported)).Should().Be(CodenameRules);

        // The running scanner switches without a restart, as soon as the activation notice arrives.
        (await ScannerVersionAsync(system.BaseAddress, "codename-1")).Should().Be("codename-1");
    }

    private static async Task<string?> ScannerVersionAsync(Uri system, string expected)
    {
        using var http = new HttpClient { BaseAddress = system }.WithApiKey(TestCredentials.AdminKey);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        string? version;
        do
        {
            using var status = JsonDocument.Parse(await http.GetStringAsync("/api/v1/scanner"));
            version = status.RootElement.GetProperty("ruleSetVersion").GetString();
            if (version != expected)
            {
                await Task.Delay(50);
            }
        }
        while (version != expected && DateTime.UtcNow < deadline);

        return version;
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_directory.FullName, name);
        File.WriteAllText(path, content);
        return path;
    }
}
