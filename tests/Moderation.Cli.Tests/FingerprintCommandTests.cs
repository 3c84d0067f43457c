using System.Text.Json;
using Moderation.Cli.Fingerprint;
using Moderation.Detection.Fingerprints;

namespace Moderation.Cli.Tests;

/// <summary>
/// <c>moderation fingerprint</c>. The tests that depend on the secret's environment variable live in
/// this one class, whose tests run one after another, and restore it afterwards.
/// </summary>
public sealed class FingerprintCommandTests : IDisposable
{
    private const string Document = """
        关于做好青岚-7型设备外场试验保障工作的通知
        各参试单位：根据年度试验计划安排，青岚-7型设备第二阶段外场试验定于十一月中旬在北岭试验场组织实施。
        试验原始数据一律使用专用存储介质记录，当日封存，由两名以上人员共同签字后交试验办公室保管。
        任何人不得以拍照、摄像或者抄录等方式私自留存试验数据，不得通过互联网传输试验相关材料。
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("moderation-fingerprint-").FullName;
    private readonly string? _secretBefore = Environment.GetEnvironmentVariable(FingerprintCommand.SecretVariable);

    public FingerprintCommandTests()
    {
        Environment.SetEnvironmentVariable(FingerprintCommand.SecretVariable, null);
        File.WriteAllText(DocumentPath, Document);
        File.WriteAllText(SecretPath, "deployment-secret-for-tests\n");
    }

    private string DocumentPath => Path.Combine(_directory, "document.txt");

    private string SecretPath => Path.Combine(_directory, "secret.txt");

    private string OutputPath => Path.Combine(_directory, "document.fingerprint.json");

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(FingerprintCommand.SecretVariable, _secretBefore);
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task The_file_holds_the_labels_parameters_and_hashes_and_no_text()
    {
        CliRun run = await CliRun.RunAsync(["fingerprint", DocumentPath, "--id", "ql7-notice", "--title", "试验保障通知", "--division", "110105", "--output", OutputPath, "--secret-file", SecretPath]);

        run.ExitCode.Should().Be(ExitCodes.Success, run.Error);
        run.Error.Should().Contain("ql7-notice").And.Contain("hashes").And.NotContain("warning");
        string json = await File.ReadAllTextAsync(OutputPath);
        FingerprintDocument file = FingerprintFile.Parse(json);
        file.DocumentId.Should().Be("ql7-notice");
        file.Title.Should().Be("试验保障通知");
        file.DivisionCode.Should().Be("110105");
        file.Parameters.Should().Be(FingerprintScheme.FromSecret("deployment-secret-for-tests").Parameters);
        file.Hashes.Count.Should().BeGreaterThan(20);
        // Not one letter of the document beyond the title the officer chose.
        json.Replace("试验保障通知", "", StringComparison.Ordinal).Should().NotContainAny(Document.Where(c => c >= '\u4E00').Select(c => c.ToString()));
    }

    [Fact]
    public async Task The_file_registers_a_document_the_scanners_then_find_in_a_post()
    {
        await CliRun.RunAsync(["fingerprint", DocumentPath, "--id", "ql7-notice", "--output", OutputPath, "--secret-file", SecretPath]);
        FingerprintScheme scanners = FingerprintScheme.FromSecret("deployment-secret-for-tests");

        FingerprintIndex index = FingerprintIndex.Empty(scanners).With(FingerprintFile.Parse(await File.ReadAllTextAsync(OutputPath)));

        index.Match("楼主你看：试验原始数据一律使用专用存储介质记录，当日封存，由两名以上人员共同签字后交试验办公室保管。")
            .Should().ContainSingle().Which.RuleId.Should().Be("fingerprint:ql7-notice");
    }

    [Fact]
    public async Task The_secret_comes_from_the_environment_and_without_one_the_demo_secret_is_used_with_a_warning()
    {
        CliRun demo = await CliRun.RunAsync(["fingerprint", DocumentPath]);
        Environment.SetEnvironmentVariable(FingerprintCommand.SecretVariable, "from-the-environment");
        CliRun configured = await CliRun.RunAsync(["fingerprint", DocumentPath]);

        demo.ExitCode.Should().Be(ExitCodes.Success, demo.Error);
        demo.Error.Should().Contain("warning").And.Contain(FingerprintCommand.SecretVariable);
        FingerprintFile.Parse(demo.StandardOutput).Parameters.KeyId.Should().Be(FingerprintScheme.FromSecret(FingerprintScheme.DemoSecret).Parameters.KeyId);
        configured.Error.Should().NotContain("warning");
        FingerprintFile.Parse(configured.StandardOutput).Parameters.KeyId.Should().Be(FingerprintScheme.FromSecret("from-the-environment").Parameters.KeyId);
    }

    [Fact]
    public async Task Without_an_id_the_same_text_gets_the_same_id_and_standard_input_works()
    {
        CliRun fromFile = await CliRun.RunAsync(["fingerprint", DocumentPath, "--secret-file", SecretPath]);
        CliRun fromStdin = await CliRun.RunAsync(["fingerprint", "-", "--secret-file", SecretPath], standardInput: Document);

        fromFile.ExitCode.Should().Be(ExitCodes.Success, fromFile.Error);
        string id = FingerprintFile.Parse(fromFile.StandardOutput).DocumentId;
        id.Should().MatchRegex("^fp-[0-9a-f]{12}$");
        FingerprintFile.Parse(fromStdin.StandardOutput).DocumentId.Should().Be(id);
        fromStdin.StandardOutput.Should().Be(fromFile.StandardOutput);
    }

    [Fact]
    public async Task A_text_too_short_to_match_is_invalid_input()
    {
        await File.WriteAllTextAsync(DocumentPath, "绝密，请勿外传。");

        CliRun run = await CliRun.RunAsync(["fingerprint", DocumentPath, "--output", OutputPath]);

        run.ExitCode.Should().Be(ExitCodes.InvalidInput);
        run.Error.Should().Contain("too short to fingerprint");
        File.Exists(OutputPath).Should().BeFalse();
    }

    [Theory]
    [InlineData("--id", "not valid", "--id")]
    [InlineData("--division", "1101", "--division")]
    [InlineData("--secret-file", "/no/such/secret", "secret file not found")]
    public async Task Bad_options_are_usage_errors_that_name_the_option(string option, string value, string expected)
    {
        CliRun run = await CliRun.RunAsync(["fingerprint", DocumentPath, option, value, "--output", OutputPath]);

        run.ExitCode.Should().Be(ExitCodes.UsageError);
        run.Error.Should().Contain(expected);
        File.Exists(OutputPath).Should().BeFalse();
    }

    [Fact]
    public async Task A_missing_document_or_an_output_over_the_document_are_usage_errors()
    {
        CliRun missing = await CliRun.RunAsync(["fingerprint", Path.Combine(_directory, "nope.txt")]);
        CliRun overwrite = await CliRun.RunAsync(["fingerprint", DocumentPath, "--output", DocumentPath]);

        missing.ExitCode.Should().Be(ExitCodes.UsageError);
        missing.Error.Should().Contain("file not found").And.Contain("nope.txt");
        overwrite.ExitCode.Should().Be(ExitCodes.UsageError);
        (await File.ReadAllTextAsync(DocumentPath)).Should().Be(Document);
    }

    [Fact]
    public async Task Help_explains_the_secret_and_the_exit_codes()
    {
        CliRun run = await CliRun.RunAsync(["fingerprint", "--help"]);

        run.ExitCode.Should().Be(ExitCodes.Success);
        run.Output.Should().Contain(FingerprintCommand.SecretVariable).And.Contain("--id").And.Contain("--output").And.Contain("Exit codes");
    }
}
