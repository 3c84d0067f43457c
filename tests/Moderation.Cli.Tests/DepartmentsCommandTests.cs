using Moderation.Testing;

namespace Moderation.Cli.Tests;

public sealed class DepartmentsCommandTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("moderation-cli-departments-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public async Task The_demo_directory_validates()
    {
        var seed = Path.Combine(ServiceProcess.FindRepositoryRoot(AppContext.BaseDirectory), "deploy", "seed", "departments.jsonl");

        var run = await CliRun.RunAsync(["departments", "validate", seed]);

        run.ExitCode.Should().Be(ExitCodes.Success, run.Error);
        run.Output.Should().Contain("departments.jsonl: 53 department(s), no problems");
    }

    [Fact]
    public async Task Every_problem_of_a_file_is_named_by_line_and_field_and_nothing_is_sent()
    {
        var file = Write("bad.jsonl", """
            {"id":"tj","name":"天津","divisionCode":"120000"}
            {"id":"tj-heping","name":"和平","divisionCode":"120101","parent":"tj","endpoints":[{"kind":"webhook","url":"https://x.example.cn/h"}]}
            """);

        var run = await CliRun.RunAsync(["departments", "import", file, "--api", "http://127.0.0.1:9", "--api-key", "mod_some-key"]);

        run.ExitCode.Should().Be(ExitCodes.InvalidInput);
        run.Error.Should().Contain("bad.jsonl: line 2, endpoints[0].secret: required for a webhook").And.Contain("1 problem(s); nothing imported");
        run.Error.Should().NotContain("cannot reach", "a file with problems is never sent");
    }

    [Fact]
    public async Task Import_sends_a_valid_file_to_the_running_system()
    {
        var environment = TestCredentials.With(new Dictionary<string, string> { ["ConnectionStrings__Sqlite"] = $"Data Source={Path.Combine(_directory.FullName, "moderation.db")}" });
        await using var system = await ServiceProcess.StartAsync("Moderation.Standalone", environment);
        var file = Write("tj.jsonl", """
            {"id":"tj","name":"天津市公安局","divisionCode":"120000","parent":"mps"}
            {"id":"tj-heping","name":"和平分局","divisionCode":"120101","parent":"tj","endpoints":[{"kind":"email","address":"duty@tj.example.cn"}]}
            """);

        var imported = await CliRun.RunAsync(["departments", "import", file, "--api", system.BaseAddress.ToString(), "--api-key", TestCredentials.AdminKey]);
        var asOfficer = await CliRun.RunAsync(["departments", "import", file, "--api", system.BaseAddress.ToString(), "--api-key", TestCredentials.OfficerKey]);

        imported.ExitCode.Should().Be(ExitCodes.Success, imported.Error);
        imported.Output.Should().Contain("imported 2 department(s) from tj.jsonl");
        asOfficer.ExitCode.Should().Be(ExitCodes.InvalidInput);
        asOfficer.Error.Should().Contain("403 the directory is managed with an administrator's key");
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_directory.FullName, name);
        File.WriteAllText(path, content);
        return path;
    }
}
