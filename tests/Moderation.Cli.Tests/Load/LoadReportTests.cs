using System.Text.Json;
using Moderation.Cli.Load;

namespace Moderation.Cli.Tests.Load;

public sealed class LoadReportTests
{
    private static LoadReport Report(int lost = 0, int duplicated = 0, DatabaseResult? database = null) => new()
    {
        RunId = "load-test",
        StartedAt = new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero),
        Transport = "amqp",
        TargetRate = 300,
        Operators = 2,
        Boards = 4,
        InFlight = 500,
        Mix = new MixSettings(),
        Published = 2_000,
        Edits = 190,
        SecretPosts = 95,
        AverageLength = 812.4,
        Accepted = 2_000,
        Errors = [],
        ErrorCount = 0,
        Answered = 2_000 - lost,
        Lost = lost,
        Duplicated = duplicated,
        Disagreed = 0,
        Retried = 0,
        Unexpected = 0,
        Actions = new Dictionary<string, int> { ["Publish"] = 1_900, ["Hold"] = 40, ["Remove"] = 60 - lost },
        Rejections = new Dictionary<string, int>(),
        PublishSeconds = 6.667,
        PublishPerSecond = 300,
        PipelineSeconds = 6.9,
        VerdictsPerSecond = 289.9,
        Latency = new LatencyStats(2_000, 15, 40, 106, 210, 18.2),
        Baseline = new BaselineResult(2_000, 0.146, 13_700, "moderation.load-baseline.load-test"),
        RatioToBaseline = 0.0212,
        ScannerMemory = [new ProcessMemory(4242, "Moderation.Scanner.dll", 212.4, 201)],
        Database = database,
        Timeline = [new TimelinePoint(0, 300, 300, 15, 100, 210)],
    };

    [Fact]
    public void The_json_report_holds_every_figure_under_camel_case_names()
    {
        using var json = JsonDocument.Parse(Report(database: new DatabaseResult(2_000, 0, 0, 0, [])).ToJson());
        var root = json.RootElement;

        root.GetProperty("published").GetInt32().Should().Be(2_000);
        root.GetProperty("latency").GetProperty("p99").GetDouble().Should().Be(106);
        root.GetProperty("baseline").GetProperty("perSecond").GetDouble().Should().Be(13_700);
        root.GetProperty("ratioToBaseline").GetDouble().Should().Be(0.0212);
        root.GetProperty("scannerMemory")[0].GetProperty("peakMegabytes").GetDouble().Should().Be(212.4);
        root.GetProperty("database").GetProperty("clean").GetBoolean().Should().BeTrue();
        root.GetProperty("timeline")[0].GetProperty("p99").GetDouble().Should().Be(100);
        root.GetProperty("passed").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public void The_summary_gives_throughput_latency_baseline_memory_and_the_verdict_on_exactly_once()
    {
        var summary = Report().Summary();

        summary.Should().Contain("2,000 posts (190 edits, 95 with secret material")
            .And.Contain("p50 15.0 ms, p95 40.0 ms, p99 106.0 ms, max 210.0 ms")
            .And.Contain("13,700/s").And.Contain("0.021 of it")
            .And.Contain("pid 4242 peak 212 MB")
            .And.Contain("database not checked")
            .And.Contain("PASSED");
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(0, 1)]
    public void A_lost_or_duplicated_post_fails_the_run(int lost, int duplicated)
    {
        var report = Report(lost, duplicated);

        report.Passed.Should().BeFalse();
        report.Summary().Should().Contain("FAILED");
    }

    [Fact]
    public void A_database_that_disagrees_fails_the_run_and_says_where()
    {
        var report = Report(database: new DatabaseResult(1_999, 1, 0, 0, ["not scanned: b/p1#0"]));

        report.Passed.Should().BeFalse();
        report.Summary().Should().Contain("missing 1").And.Contain("not scanned: b/p1#0");
    }
}
