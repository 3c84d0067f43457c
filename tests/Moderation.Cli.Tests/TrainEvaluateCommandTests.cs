using System.Xml.Linq;
using Moderation.Learning.Corpus;

namespace Moderation.Cli.Tests;

public sealed class TrainEvaluateCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("moderation-train-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string CorpusPath => Path.Combine(_directory, "corpus.jsonl");

    private string ModelPath => Path.Combine(_directory, "model.zip");

    /// <summary>A small corpus: every eighth example of the shipped one, both splits.</summary>
    private void WriteSmallCorpus() =>
        CorpusFile.Save(CorpusPath, CorpusFile.LoadShipped().Where((_, i) => i % 8 == 0));

    [Fact]
    public async Task Train_then_evaluate_writes_a_model_and_a_report()
    {
        WriteSmallCorpus();

        CliRun train = await CliRun.RunAsync(["train", "--corpus", CorpusPath, "--output", ModelPath]);

        train.ExitCode.Should().Be(0, train.Error);
        File.Exists(ModelPath).Should().BeTrue();
        train.Output.Should().Contain("version").And.Contain("trained in").And.Contain("rules + model (noisy-OR)");
        train.Error.Should().Contain("train: training on", "progress goes to standard error");

        string report = Path.Combine(_directory, "report");
        CliRun evaluate = await CliRun.RunAsync(["evaluate", "--model", ModelPath, "--corpus", CorpusPath, "--report", report]);

        evaluate.ExitCode.Should().Be(0, evaluate.Error);
        evaluate.Output.Should().Contain("ROC AUC").And.Contain("rules").And.Contain("model");
        File.ReadAllText(Path.Combine(report, "report.md")).Should().Contain("| Threshold |");
        XDocument.Load(Path.Combine(report, "precision-recall.svg")).Root!.Name.LocalName.Should().Be("svg");
        File.Exists(Path.Combine(report, "report.json")).Should().BeTrue();
    }

    [Fact]
    public async Task Training_twice_writes_the_same_bytes()
    {
        WriteSmallCorpus();
        string second = Path.Combine(_directory, "second.zip");

        (await CliRun.RunAsync(["train", "-c", CorpusPath, "-o", ModelPath])).ExitCode.Should().Be(0);
        (await CliRun.RunAsync(["train", "-c", CorpusPath, "-o", second])).ExitCode.Should().Be(0);

        File.ReadAllBytes(second).Should().Equal(File.ReadAllBytes(ModelPath));
    }

    [Fact]
    public async Task A_malformed_corpus_line_is_named_and_nothing_is_written()
    {
        await File.WriteAllLinesAsync(CorpusPath,
        [
            """{"id":"a","body":"机密★10年","label":"secret","category":"secrecy-marking","family":"f1","split":"train"}""",
            """{"id":"b","body":"你好","label":"maybe","category":"chat-talk","family":"f2","split":"train"}""",
        ]);

        CliRun run = await CliRun.RunAsync(["train", "--corpus", CorpusPath, "--output", ModelPath]);

        run.ExitCode.Should().Be(1);
        run.Error.Should().Contain("line 2").And.Contain("'label'");
        File.Exists(ModelPath).Should().BeFalse();
    }

    [Fact]
    public async Task Missing_files_are_usage_errors()
    {
        CliRun train = await CliRun.RunAsync(["train", "--corpus", Path.Combine(_directory, "missing.jsonl"), "--output", ModelPath]);
        CliRun evaluate = await CliRun.RunAsync(["evaluate", "--model", Path.Combine(_directory, "missing.zip")]);

        train.ExitCode.Should().Be(2);
        train.Error.Should().Contain("corpus file not found");
        evaluate.ExitCode.Should().Be(2);
        evaluate.Error.Should().Contain("model file not found");
    }

    [Fact]
    public async Task A_file_that_is_not_a_model_is_refused()
    {
        await File.WriteAllTextAsync(ModelPath, "not a model");

        CliRun run = await CliRun.RunAsync(["evaluate", "--model", ModelPath]);

        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain("not a moderation model");
    }

    [Fact]
    public async Task Evaluate_with_a_shadow_lists_the_verdicts_the_candidate_would_change()
    {
        WriteSmallCorpus();
        string candidate = Path.Combine(_directory, "candidate.zip");
        CorpusFile.Save(Path.Combine(_directory, "smaller.jsonl"), CorpusFile.LoadShipped().Where((_, i) => i % 16 == 1));
        (await CliRun.RunAsync(["train", "--corpus", CorpusPath, "--output", ModelPath])).ExitCode.Should().Be(0);
        (await CliRun.RunAsync(["train", "--corpus", Path.Combine(_directory, "smaller.jsonl"), "--output", candidate])).ExitCode.Should().Be(0);
        string report = Path.Combine(_directory, "shadow");

        CliRun run = await CliRun.RunAsync(["evaluate", "--model", ModelPath, "--shadow", candidate, "--corpus", CorpusPath, "--report", report]);

        run.ExitCode.Should().Be(0, run.Error);
        run.Output.Should().Contain("in use").And.Contain("candidate").And.Contain("verdicts that would change:");
        int changed = int.Parse(System.Text.RegularExpressions.Regex.Match(run.Output, @"verdicts that would change: (\d+) of").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        File.ReadAllLines(Path.Combine(report, "shadow.jsonl")).Should().HaveCount(changed);
        File.ReadAllText(Path.Combine(report, "shadow.md")).Should().Contain("| Post | Category |");

        CliRun missing = await CliRun.RunAsync(["evaluate", "--model", ModelPath, "--shadow", Path.Combine(_directory, "nope.zip")]);
        missing.ExitCode.Should().Be(2);
        missing.Error.Should().Contain("candidate model file not found");
    }
}
