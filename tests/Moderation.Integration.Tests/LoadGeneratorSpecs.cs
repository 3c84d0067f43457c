using System.Text.Json;
using Moderation.Cli;
using Moderation.Integration.Tests.Support;
using Moderation.Storage;
using Moderation.Testing;

namespace Moderation.Integration.Tests;

/// <summary>
/// <c>moderation load</c> against the real services: it registers its operators and boards through
/// the Api's registration workflow, publishes as forums do, and finds every post answered exactly once,
/// by the verdicts on the operators' queues and by the database.
/// </summary>
public sealed class LoadGeneratorSpecs : PipelineSpecs, IDisposable
{
    // The pipeline's crash tests shorten the outbox claim to 3 s, after which a relay sends a verdict
    // whose writer has not marked it sent. Under load on two shared cores a live writer can take that
    // long, and its verdict then goes out twice (at least once, as the contract allows); this test
    // counts duplicates, so it runs with the shipped claim of 30 s.
    private static readonly Dictionary<string, string> ShippedOutboxClaim = new()
    {
        [$"{StorageOptions.Section.Replace(":", "__", StringComparison.Ordinal)}__{nameof(StorageOptions.OutboxClaimDuration)}"] = new StorageOptions().OutboxClaimDuration.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
    };

    private readonly DirectoryInfo _output = Directory.CreateTempSubdirectory("moderation-load-");

    [Fact]
    public async Task A_short_load_over_amqp_gets_exactly_one_verdict_per_post_from_boards_registered_through_the_api()
    {
        await Pipeline.StartScannerAsync(settings: ShippedOutboxClaim);
        var api = await StartApiAsync();
        // The pipeline registers a board of its own through the same workflow; count only what the load adds.
        long approvedBefore = await Pipeline.ScalarAsync<long>("SELECT COUNT(*) FROM board_applications WHERE status = 'Approved'");
        long brokerUsersBefore = await Pipeline.ScalarAsync<long>("SELECT COUNT(*) FROM broker_users");

        var (exitCode, report, log) = await LoadAsync(api, "--posts", "2000", "--operators", "2", "--boards", "4", "--baseline");

        exitCode.Should().Be(ExitCodes.Success, log);
        report.GetProperty("published").GetInt32().Should().Be(2_000);
        report.GetProperty("answered").GetInt32().Should().Be(2_000, log);
        report.GetProperty("lost").GetInt32().Should().Be(0);
        report.GetProperty("duplicated").GetInt32().Should().Be(0);
        report.GetProperty("errorCount").GetInt32().Should().Be(0, log);
        var database = report.GetProperty("database");
        (database.GetProperty("scans").GetInt32(), database.GetProperty("missing").GetInt32(), database.GetProperty("duplicatedVerdicts").GetInt32()).Should().Be((2_000, 0, 0));
        report.GetProperty("edits").GetInt32().Should().BeGreaterThan(100, "a tenth of the messages are edits");
        report.GetProperty("actions").GetProperty("Remove").GetInt32().Should().BeGreaterThan(0, "the secret posts among them are removed");
        report.GetProperty("rejections").EnumerateObject().Should().BeEmpty("every board was approved before its first post");
        report.GetProperty("baseline").GetProperty("perSecond").GetDouble().Should().BeGreaterThan(0);
        report.GetProperty("ratioToBaseline").GetDouble().Should().BeGreaterThan(0);
        report.GetProperty("latency").GetProperty("p99").GetDouble().Should().BeGreaterThan(0);
        report.GetProperty("scannerMemory").EnumerateArray().Should().NotBeEmpty("the scanner this test started is found by its command line");
        File.ReadAllText(Path.Combine(_output.FullName, "load.svg")).Should().StartWith("<svg").And.Contain("polyline");
        (await Pipeline.ScalarAsync<long>("SELECT COUNT(*) FROM board_applications WHERE status = 'Approved'")).Should().Be(approvedBefore + 4, "each board went through the registration workflow");
        (await Pipeline.ScalarAsync<long>("SELECT COUNT(*) FROM broker_users")).Should().Be(brokerUsersBefore + 2, "each operator collected its own broker user");
    }

    /// <summary>One post a request, then the bulk endpoint, against one scanner and one Api (each run its own operator and boards).</summary>
    [Fact]
    public async Task A_short_load_over_http_ingest_gets_exactly_one_verdict_per_post_one_a_request_and_in_bulk()
    {
        await Pipeline.StartScannerAsync(settings: ShippedOutboxClaim);
        var api = await StartApiAsync();

        foreach ((string[] bulk, string transport) in new[] { (Array.Empty<string>(), "http"), (["--http-batch", "50"], "http-batch-50") })
        {
            var (exitCode, report, log) = await LoadAsync(api, ["--posts", "300", "--operators", "1", "--boards", "2", "--http", api.BaseAddress.ToString(), "--in-flight", "16", "--run-id", $"it-{transport}", .. bulk]);

            exitCode.Should().Be(ExitCodes.Success, log);
            report.GetProperty("transport").GetString().Should().Be(transport);
            (report.GetProperty("answered").GetInt32(), report.GetProperty("lost").GetInt32(), report.GetProperty("duplicated").GetInt32()).Should().Be((300, 0, 0), log);
            report.GetProperty("database").GetProperty("clean").GetBoolean().Should().BeTrue();
        }
    }

    public void Dispose() => _output.Delete(recursive: true);

    private async Task<ServiceProcess> StartApiAsync()
    {
        // Operators' broker users are issued through the management API; the Api issues them when credentials are collected.
        var api = await Pipeline.StartApiAsync(new Dictionary<string, string>(ShippedOutboxClaim) { ["ConnectionStrings__RabbitMqManagement"] = TestServers.RabbitMqManagement });
        var seed = Path.Combine(ServiceProcess.FindRepositoryRoot(AppContext.BaseDirectory), "deploy", "seed", "departments.jsonl");
        var (exitCode, log) = await CliAsync(["departments", "import", seed, "--api", api.BaseAddress.ToString(), "--api-key", TestCredentials.AdminKey]);
        exitCode.Should().Be(ExitCodes.Success, log);
        return api;
    }

    private async Task<(int ExitCode, JsonElement Report, string Log)> LoadAsync(ServiceProcess api, params string[] arguments)
    {
        var reportFile = Path.Combine(_output.FullName, "load.json");
        var (exitCode, log) = await CliAsync([
            "load", "--api", api.BaseAddress.ToString(), "--api-key", TestCredentials.AdminKey, "--amqp", Pipeline.VirtualHost.ServiceUrl,
            "--database", Pipeline.Database.ConnectionString, "--report", reportFile, "--chart", Path.Combine(_output.FullName, "load.svg"),
            "--patience", "60", .. (arguments.Contains("--run-id") ? arguments : ["--run-id", "it", .. arguments])]);
        if (!File.Exists(reportFile))
        {
            throw new InvalidOperationException($"moderation load wrote no report (exit {exitCode}):\n{log}\n{Pipeline.ServiceLogs}");
        }

        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(reportFile));
        return (exitCode, document.RootElement.Clone(), log + "\n" + Pipeline.ServiceLogs);
    }

    private static async Task<(int ExitCode, string Log)> CliAsync(string[] arguments)
    {
        var output = new StringWriter();
        var exitCode = await ModerationCli.RunAsync(arguments, new System.CommandLine.InvocationConfiguration { Output = output, Error = output });
        return (exitCode, output.ToString());
    }
}
