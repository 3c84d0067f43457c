using System.Text.Json;
using Moderation.Learning.Corpus;

namespace Moderation.Cli.Tests;

public sealed class TuneCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("moderation-tune-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string CorpusPath => Path.Combine(_directory, "posts.jsonl");

    /// <summary>Every third hand-written training post: a few hundred posts of many families.</summary>
    private void WriteHandwrittenSample() =>
        CorpusFile.Save(CorpusPath, CorpusFile.Parse(CorpusFile.HandwrittenText()).Where((_, i) => i % 3 == 0));

    [Fact]
    public async Task Tune_prints_each_hold_point_out_of_fold_and_writes_the_report()
    {
        WriteHandwrittenSample();
        string report = Path.Combine(_directory, "report");

        CliRun run = await CliRun.RunAsync(["tune", "--corpus", CorpusPath, "--folded-only", "--folds", "3", "--holds", "0.005,0.3", "--target-fpr", "1", "--report", report]);

        run.ExitCode.Should().Be(0, run.Error);
        run.Output.Should().Contain("rules only").And.Contain("0.005").And.Contain("0.3").And.Contain("chosen: model.hold 0.005");
        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(Path.Combine(report, "tune.json")));
        JsonElement points = json.RootElement.GetProperty("points");
        points.GetArrayLength().Should().Be(2);
        points[0].GetProperty("recall").GetDouble().Should().BeGreaterThanOrEqualTo(points[1].GetProperty("recall").GetDouble(), "an eager hold point holds at least what a reluctant one does");
    }

    [Fact]
    public async Task No_hold_point_within_an_impossible_target_exits_3_with_the_figures()
    {
        WriteHandwrittenSample();

        CliRun run = await CliRun.RunAsync(["tune", "--corpus", CorpusPath, "--folded-only", "--folds", "2", "--holds", "0.01", "--target-fpr", "0"]);

        run.ExitCode.Should().Be(3, run.Error);
        run.Output.Should().Contain("no hold point keeps the false-positive rate within 0.000");
    }

    [Fact]
    public async Task Extra_posts_are_trained_in_every_fold_but_never_measured()
    {
        WriteHandwrittenSample();
        string extra = Path.Combine(_directory, "extra.jsonl");
        // Every third post but shifted: posts the folded sample does not hold, so the measured count stays the sample's.
        CorpusFile.Save(extra, CorpusFile.Parse(CorpusFile.HandwrittenText()).Where((_, i) => i % 3 == 1));
        string plain = Path.Combine(_directory, "plain"), withExtra = Path.Combine(_directory, "with-extra");
        string[] common = ["tune", "--corpus", CorpusPath, "--folded-only", "--folds", "2", "--holds", "0.05", "--target-fpr", "1"];

        CliRun without = await CliRun.RunAsync([.. common, "--report", plain]);
        CliRun with = await CliRun.RunAsync([.. common, "--extra", extra, "--report", withExtra]);

        without.ExitCode.Should().Be(0, without.Error);
        with.ExitCode.Should().Be(0, with.Error);
        int Measured(string directory)
        {
            using JsonDocument json = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "tune.json")));
            return json.RootElement.GetProperty("posts").GetInt32();
        }

        Measured(withExtra).Should().Be(Measured(plain), "the extra posts are trained on, not measured");
        with.Output.Should().NotBe(without.Output, "models that learned the extra posts score the folded ones differently");
    }

    [Fact]
    public async Task A_malformed_extra_file_is_named_with_its_line()
    {
        WriteHandwrittenSample();
        string extra = Path.Combine(_directory, "extra.jsonl");
        File.WriteAllText(extra, "{\"id\": \"x-1\", \"body\": \"hello\"}\n");

        CliRun run = await CliRun.RunAsync(["tune", "--corpus", CorpusPath, "--folded-only", "--extra", extra]);

        run.ExitCode.Should().Be(1);
        run.Error.Should().Contain("extra.jsonl").And.Contain("line 1");
    }

    [Theory]
    [InlineData("--holds", "0.01,2", "--holds: '2' is not a probability strictly between 0 and 1")]
    [InlineData("--folds", "1", "--folds must be from 2 to 20")]
    [InlineData("--target-fpr", "1.5", "--target-fpr must be a rate from 0 to 1")]
    public async Task A_bad_option_is_named_with_why(string option, string value, string message)
    {
        CliRun run = await CliRun.RunAsync(["tune", option, value]);

        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain(message);
    }
}
