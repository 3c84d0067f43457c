using System.Text;
using System.Text.Json;

namespace Moderation.Cli.Tests;

/// <summary>
/// Files a hostile or broken source hands the command line: each line or file is refused by number
/// or name with the reason, or read as the text it is; the run ends with its documented exit code,
/// never an unhandled exception or a stack trace.
/// </summary>
public sealed class CliHostileInputSpecs : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("moderation-hostile-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task A_scan_input_of_hostile_lines_reports_each_by_number_and_scans_the_rest()
    {
        var input = Path.Combine(_directory, "posts.jsonl");
        var output = Path.Combine(_directory, "verdicts.jsonl");
        var lines = new List<byte[]>
        {
            Utf8("""{"id":"ok-1","body":"你好"}"""),
            Utf8(new string('[', 10_000) + new string(']', 10_000)),
            Utf8("""{"id":"nul","body":"a\u0000b"}"""),
            Utf8("""{"id":"surrogate","body":"\ud800"}"""),
            new byte[] { 0xff, 0xfe, 0x7b, 0x7d },
            Utf8($$"""{"id":"huge","body":{{JsonSerializer.Serialize(new string('a', 10 * 1024 * 1024))}}}"""),
            Utf8("""{"id":"'; DROP TABLE posts; --","body":"<script>alert(1)</script> 绝密★长期"}"""),
            Utf8("""{"id":"ok-2","body":"秘密★5年"}"""),
        };
        await File.WriteAllBytesAsync(input, [.. lines.SelectMany(l => l.Append((byte)'\n'))]);

        var run = await CliRun.RunAsync(["scan", "--input", input, "--output", output, "--no-model"]);

        NoStackTrace(run);
        run.ExitCode.Should().Be(1, "some lines were refused: {0}", run.Error);
        run.Error.Should().Contain("line 2:").And.Contain("line 4: field 'body' holds a lone surrogate").And.Contain("line 5:");
        var scanned = (await File.ReadAllLinesAsync(output)).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()).ToList();
        scanned.Should().Contain(["ok-1", "'; DROP TABLE posts; --", "ok-2"]).And.NotContain("surrogate-that-was-not-read");
    }

    [Theory]
    [InlineData("{")]
    [InlineData("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]")]
    [InlineData("""{"version":"x\u0000","rules":[{"id":"r","category":"custom","kind":"terms","terms":["a"],"weight":0.5,"description":"d"}]}""")]
    [InlineData("""{"version":"../../etc","rules":[{"id":"r","category":"custom","kind":"terms","terms":["a"],"weight":0.5,"description":"d"}]}""")]
    [InlineData("""{"version":"x","rules":[{"id":"r","category":"custom","kind":"pattern","pattern":"(?=a)a","weight":0.5,"description":"d"}]}""")]
    [InlineData("""{"version":"x","rules":[{"id":"r","category":"custom","kind":"telepathy","weight":0.5,"description":"d"}]}""")]
    public async Task A_hostile_rule_set_file_is_refused_naming_the_file_and_the_reason(string json)
    {
        var file = Path.Combine(_directory, "rules.json");
        await File.WriteAllTextAsync(file, json);

        var run = await CliRun.RunAsync(["rules", "validate", file]);

        NoStackTrace(run);
        run.ExitCode.Should().Be(1, run.Error);
        run.Error.Should().Contain("rules.json");
    }

    [Fact]
    public async Task A_catastrophic_pattern_in_a_rule_set_file_validates_against_a_long_sample_in_linear_time()
    {
        var file = Path.Combine(_directory, "rules.json");
        await File.WriteAllTextAsync(file, """{"version":"x","rules":[{"id":"r","category":"custom","kind":"pattern","pattern":"(a+)+$","weight":0.5,"description":"d"}]}""");
        var sample = Path.Combine(_directory, "sample.jsonl");
        await File.WriteAllTextAsync(sample, $$"""{"id":"long","body":"{{new string('a', 100_000)}}!"}""" + "\n");

        var run = await CliRun.RunAsync(["rules", "validate", file, "--sample", sample]);

        NoStackTrace(run);
        run.ExitCode.Should().Be(0, run.Error);
    }

    [Fact]
    public async Task A_binary_or_empty_document_is_refused_by_the_fingerprint_command_with_a_reason()
    {
        var binary = Path.Combine(_directory, "notice.bin");
        await File.WriteAllBytesAsync(binary, [0x00, 0xff, 0xfe, 0x00, 0x01, 0x02]);
        var empty = Path.Combine(_directory, "empty.txt");
        await File.WriteAllTextAsync(empty, "");

        var binaryRun = await CliRun.RunAsync(["fingerprint", binary, "--id", "../../etc/passwd", "--output", Path.Combine(_directory, "a.json")]);
        var emptyRun = await CliRun.RunAsync(["fingerprint", empty, "--id", "doc-1", "--output", Path.Combine(_directory, "b.json")]);

        NoStackTrace(binaryRun);
        NoStackTrace(emptyRun);
        binaryRun.ExitCode.Should().NotBe(0, binaryRun.Error);
        emptyRun.ExitCode.Should().NotBe(0, emptyRun.Error);
        (binaryRun.Error + emptyRun.Error).Should().NotBeNullOrWhiteSpace();
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static void NoStackTrace(CliRun run) =>
        (run.Error + run.Output).Should().NotMatchRegex(@"\bat (System|Moderation|Microsoft)\.[\w.`<>]+\(|\w+Exception\b", "a refusal is a sentence, not a stack trace");
}
