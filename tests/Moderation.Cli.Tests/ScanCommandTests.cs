using System.Text;
using System.Text.Json;

namespace Moderation.Cli.Tests;

public sealed class ScanCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("moderation-scan-").FullName;

    private string InputPath => Path.Combine(_directory, "posts.jsonl");

    private string OutputPath => Path.Combine(_directory, "verdicts.jsonl");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private async Task<CliRun> ScanFileAsync(params string[] lines)
    {
        await File.WriteAllLinesAsync(InputPath, lines);
        // The rules' own figures: the model's part is specified in ScanWithModelTests.
        return await CliRun.RunAsync(["scan", "--input", InputPath, "--output", OutputPath, "--no-model"]);
    }

    private static List<JsonElement> Verdicts(string jsonl) =>
        [.. jsonl.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement)];

    [Fact]
    public async Task Each_post_gets_a_verdict_in_input_order()
    {
        CliRun run = await ScanFileAsync(
            """{"id":"p1","title":"会议纪要","body":"机密★10年\n内部资料，不得外传","boardId":"b-7","channel":"bbs"}""",
            """{"id":"p2","body":"今天天气很好","channel":"chat","likes":12}""",
            """{"id":"p3","body":"收到：秘密★5年","channel":"newsgroup"}""");

        run.ExitCode.Should().Be(0, run.Error);
        run.Error.Should().BeEmpty();
        List<JsonElement> verdicts = Verdicts(await File.ReadAllTextAsync(OutputPath));
        verdicts.Select(v => v.GetProperty("id").GetString()).Should().Equal("p1", "p2", "p3");
        verdicts.Select(v => v.GetProperty("action").GetString()).Should().Equal("remove", "publish", "hold");
        verdicts.Should().AllSatisfy(v => v.GetProperty("ruleSetVersion").GetString().Should().Be(Moderation.Detection.RuleSet.LoadDefault().Version));
        verdicts[1].GetProperty("score").GetDouble().Should().Be(0);
        verdicts[1].GetProperty("reasons").GetArrayLength().Should().Be(0);
        verdicts[2].GetProperty("score").GetDouble().Should().Be(0.75);
    }

    [Fact]
    public async Task A_reason_names_the_rule_and_points_at_the_original_text()
    {
        const string Body = "收到：机 * 密★10年，请查收";
        await ScanFileAsync(JsonSerializer.Serialize(new { id = "p1", body = Body }));

        JsonElement[] reasons = [.. Verdicts(await File.ReadAllTextAsync(OutputPath)).Single().GetProperty("reasons").EnumerateArray()];
        JsonElement reason = reasons.Single(r => r.GetProperty("category").GetString() == "secrecy-marking" && r.GetProperty("rule").GetString() != "disguised-level");

        // The asterisk between 机 and 密 is also a disguise, reported as its own reason on the same marking.
        reasons.Select(r => r.GetProperty("rule").GetString()).Should().Contain("disguised-level");

        reason.EnumerateObject().Select(p => p.Name).Should().Equal("rule", "category", "field", "start", "length", "weight", "description");
        reason.GetProperty("rule").GetString().Should().Be("marking-with-period");
        reason.GetProperty("category").GetString().Should().Be("secrecy-marking");
        reason.GetProperty("field").GetString().Should().Be("body");
        reason.GetProperty("weight").GetDouble().Should().Be(0.75);
        reason.GetProperty("description").GetString().Should().NotBeNullOrWhiteSpace();
        Body.Substring(reason.GetProperty("start").GetInt32(), reason.GetProperty("length").GetInt32()).Should().Be("机 * 密★10年");
    }

    [Fact]
    public async Task The_score_is_rounded_to_four_decimals_and_CJK_is_written_unescaped()
    {
        await ScanFileAsync("""{"id":"p1","body":"内部资料，不得外传"}""");

        string output = await File.ReadAllTextAsync(OutputPath);

        output.Should().Contain("\"score\":0.5775,").And.Contain("内部资料").And.NotContain("\\u");
        output.Should().EndWith("\n");
    }

    [Fact]
    public async Task Malformed_lines_are_reported_with_their_number_and_the_rest_are_scanned()
    {
        CliRun run = await ScanFileAsync(
            """{"id":"ok-1","body":"你好"}""",
            "not json at all",
            """["an","array"]""",
            """{"body":"no id"}""",
            """{"id":42,"body":"numeric id"}""",
            """{"id":"no-body"}""",
            """{"id":"bad-title","title":7,"body":"x"}""",
            """{"id":"bad-channel","body":"x","channel":"forum"}""",
            "",
            """{"id":"ok-2","body":"秘密★5年"}""");

        run.ExitCode.Should().Be(1);
        run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Should().Equal(
            "line 2: not valid JSON (near byte 2)",
            "line 3: expected a JSON object, found an array",
            "line 4: field 'id' is missing",
            "line 5: field 'id' must be a string, found a number",
            "line 6: field 'body' is missing",
            "line 7: field 'title' must be a string, found a number",
            "line 8: field 'channel' must be one of bbs, chat, newsgroup, found 'forum'");
        Verdicts(await File.ReadAllTextAsync(OutputPath)).Select(v => v.GetProperty("id").GetString()).Should().Equal("ok-1", "ok-2");
    }

    [Fact]
    public async Task A_missing_input_file_is_a_usage_error_that_names_the_path()
    {
        string missing = Path.Combine(_directory, "missing.jsonl");

        CliRun run = await CliRun.RunAsync(["scan", "--input", missing, "--output", OutputPath]);

        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain(missing);
        File.Exists(OutputPath).Should().BeFalse("nothing is written when the input cannot be read");
    }

    [Fact]
    public async Task An_output_in_a_missing_directory_is_a_usage_error_that_names_the_path()
    {
        await File.WriteAllTextAsync(InputPath, """{"id":"p1","body":"x"}""");
        string output = Path.Combine(_directory, "no-such-dir", "out.jsonl");

        CliRun run = await CliRun.RunAsync(["scan", "--input", InputPath, "--output", output]);

        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain(output);
    }

    [Fact]
    public async Task Writing_the_verdicts_over_the_input_is_refused()
    {
        await File.WriteAllTextAsync(InputPath, """{"id":"p1","body":"x"}""");

        CliRun run = await CliRun.RunAsync(["scan", "--input", InputPath, "--output", InputPath]);

        run.ExitCode.Should().Be(2);
        (await File.ReadAllTextAsync(InputPath)).Should().Contain("p1");
    }

    [Theory]
    [InlineData("scan", "--input", "x.jsonl")]
    [InlineData("scan", "--output", "x.jsonl")]
    [InlineData("scan", "--input", "x.jsonl", "--output", "y.jsonl", "--bogus")]
    [InlineData("no-such-command")]
    public async Task A_command_line_that_does_not_parse_is_a_usage_error(params string[] args)
    {
        CliRun run = await CliRun.RunAsync(args);

        run.ExitCode.Should().Be(2);
        run.Error.Should().NotBeEmpty();
    }

    [Fact]
    public async Task A_dash_reads_standard_input_and_writes_standard_output()
    {
        CliRun run = await CliRun.RunAsync(["scan", "--input", "-", "--output", "-"],
            standardInput: "{\"id\":\"s1\",\"body\":\"内部资料\"}\n{\"id\":\"s2\",\"body\":\"x\"}\n");

        run.ExitCode.Should().Be(0, run.Error);
        Verdicts(run.StandardOutput).Select(v => v.GetProperty("id").GetString()).Should().Equal("s1", "s2");
    }

    [Fact]
    public async Task Order_is_kept_across_batches_scanned_in_parallel()
    {
        string[] lines = [.. Enumerable.Range(0, 2000).Select(i =>
            JsonSerializer.Serialize(new { id = $"p{i}", body = i % 3 == 0 ? "秘密★5年" : "今天天气很好" }))];

        CliRun run = await ScanFileAsync(lines);

        run.ExitCode.Should().Be(0, run.Error);
        List<JsonElement> verdicts = Verdicts(await File.ReadAllTextAsync(OutputPath));
        verdicts.Select(v => v.GetProperty("id").GetString()).Should().Equal(Enumerable.Range(0, 2000).Select(i => $"p{i}"));
        verdicts.Select(v => v.GetProperty("action").GetString())
            .Should().Equal(Enumerable.Range(0, 2000).Select(i => i % 3 == 0 ? "hold" : "publish"));
    }

    [Fact]
    public async Task A_byte_order_mark_at_the_start_of_the_input_is_accepted()
    {
        await File.WriteAllTextAsync(InputPath, """{"id":"p1","body":"x"}""", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        CliRun run = await CliRun.RunAsync(["scan", "--input", InputPath, "--output", OutputPath]);

        run.ExitCode.Should().Be(0, run.Error);
    }

    [Fact]
    public async Task Help_documents_the_input_fields_output_fields_and_exit_codes()
    {
        CliRun run = await CliRun.RunAsync(["scan", "--help"]);

        run.ExitCode.Should().Be(0);
        run.Output.Should().ContainAll(
            "--input", "--output", "standard input", "standard output",
            "id ", "body ", "title ", "boardId ", "channel ", "bbs, chat or newsgroup",
            "action ", "publish, hold or remove", "score ", "4 decimals", "reasons ", "rule, category, field, start, length, weight, description",
            "ruleSetVersion", "line N: <why>", "Exit codes:", "0  every line was scanned", "1  at least one line was malformed", "2  usage error");
    }

    [Fact]
    public async Task The_root_command_lists_scan()
    {
        CliRun run = await CliRun.RunAsync(["--help"]);

        run.ExitCode.Should().Be(0);
        run.Output.Should().Contain("scan");
    }
}
