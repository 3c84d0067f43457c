using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Moderation.Cli;
using Moderation.Cli.Load;
using Moderation.Integration.Tests.Support;
using Moderation.Storage.Boards;
using Moderation.Storage.Outbox;
using Moderation.Testing;
using Npgsql;
using Xunit.Abstractions;

namespace Moderation.Integration.Tests.Faults;

/// <summary>
/// One fault under load: the pipeline (scanner, Notifier, an Api with the department directory)
/// takes a <c>moderation load</c> run, in process through its classes, at a fixed rate; once a third is
/// published and verdicts are coming back the fault begins, then it ends; when the run is over the system's own records are
/// checked (one scan per revision, no incident or notification twice, nothing left unsent or
/// queued) and the figures are printed and appended to the report file.
/// </summary>
public sealed class FaultRun
{
    private const string DepartmentQueuePrefix = "moderation.departments.";

    private static readonly TimeSpan Settled = TimeSpan.FromSeconds(90);

    private readonly Pipeline _pipeline;
    private readonly ITestOutputHelper _output;

    private FaultRun(Pipeline pipeline, ServiceProcess api, ServiceProcess scanner, ServiceProcess notifier, ITestOutputHelper output)
    {
        _pipeline = pipeline;
        Api = api;
        Scanner = scanner;
        Notifier = notifier;
        _output = output;
    }

    /// <summary>The Api the load registers through (and, over HTTP, posts to).</summary>
    public ServiceProcess Api { get; set; }

    public ServiceProcess Scanner { get; set; }

    public ServiceProcess Notifier { get; set; }

    public static async Task<FaultRun> StartAsync(Pipeline pipeline, ITestOutputHelper output)
    {
        var api = await pipeline.StartApiAsync(new Dictionary<string, string> { ["ConnectionStrings__RabbitMqManagement"] = pipeline.VirtualHost.Broker.Management });
        var seed = Path.Combine(ServiceProcess.FindRepositoryRoot(AppContext.BaseDirectory), "deploy", "seed", "departments.jsonl");
        var log = new StringWriter();
        var exitCode = await ModerationCli.RunAsync(["departments", "import", seed, "--api", api.BaseAddress.ToString(), "--api-key", TestCredentials.AdminKey], new System.CommandLine.InvocationConfiguration { Output = log, Error = log });
        exitCode.Should().Be(ExitCodes.Success, log.ToString());
        return new FaultRun(pipeline, api, await pipeline.StartScannerAsync(), await pipeline.StartNotifierAsync(), output);
    }

    /// <param name="fault">The fault's name in the figures.</param>
    /// <param name="begin">Makes the fault (kills, stops, fills).</param>
    /// <param name="end">Ends it (starts again, frees); the time to recover is counted from when it is done.</param>
    /// <param name="overHttp">Post through the Api's HTTP ingest rather than over AMQP.</param>
    public async Task<FaultFigures> RunAsync(string fault, Func<Task> begin, Func<Task> end, bool overHttp = false)
    {
        var size = FaultSize.Configured;
        var directory = Directory.CreateTempSubdirectory($"moderation-fault-{fault}-");
        var ledger = new VerdictLedger();
        var settings = new LoadSettings
        {
            Posts = size.Posts,
            Rate = size.Rate,
            Operators = 1,
            Boards = 2,
            InFlight = 200,
            Api = Api.BaseAddress,
            ApiKey = TestCredentials.AdminKey,
            Amqp = new Uri(_pipeline.VirtualHost.ServiceUrl),
            Http = overHttp ? Api.BaseAddress : null,
            Database = _pipeline.Database.ConnectionString,
            RunId = fault,
            Report = new FileInfo(Path.Combine(directory.FullName, "load.json")),
            Chart = new FileInfo(Path.Combine(directory.FullName, "load.svg")),
            // Long enough for the longest fault: a post is sent again, and the verdicts waited for, across it.
            Patience = TimeSpan.FromSeconds(120),
        };
        var log = TextWriter.Synchronized(new StringWriter());
        var clock = new RecoveryClock();
        using var sampling = new CancellationTokenSource();
        var sampler = clock.SampleAsync(() => ledger.Answered, sampling.Token);
        var run = Task.Run(() => new LoadRun(settings, log, log, TimeProvider.System, watchedLedger: ledger).RunAsync(CancellationToken.None));

        // A third published and the verdicts flowing: two thirds are still to be published through the
        // fault (the Api's fault needs posts arriving), and the seconds before it give the rate to recover to.
        await UntilAsync(() => (ledger.Published >= size.Posts / 3 && ledger.Answered >= size.Posts / 50) || run.IsCompleted, TimeSpan.FromSeconds(180));
        run.IsCompleted.Should().BeFalse($"the fault must land mid-run\n{log}\n{_pipeline.ServiceLogs}");
        var faultStart = clock.Now;
        await begin();
        await end();
        var faultEnd = clock.Now;
        LoadReport report;
        try
        {
            report = await run;
        }
        finally
        {
            await sampling.CancelAsync();
            await sampler;
        }

        var context = $"{log}\n{_pipeline.ServiceLogs}";
        var records = await SettledRecordsAsync();
        var figures = new FaultFigures(
            fault,
            report.Published,
            ledger.Received,
            report.Duplicated,
            report.Database!.DuplicatedVerdicts + records.DuplicatedIncidents + records.DuplicatedNotifications,
            report.Lost + report.Database.Missing,
            report.Retried,
            clock.RateBefore(faultStart),
            faultEnd - faultStart,
            clock.RecoveredAt(faultStart, faultEnd, report.Published) - faultEnd);
        _output.WriteLine(figures.Line());
        _output.WriteLine($"seconds into the run:verdicts so far (fault from {faultStart.TotalSeconds:0.0} s to {faultEnd.TotalSeconds:0.0} s; published until {settings.Posts / settings.Rate!.Value:0.0} s at the earliest): {clock.Trace(faultStart - TimeSpan.FromSeconds(5), faultEnd + TimeSpan.FromSeconds(30))}");
        _output.WriteLine(report.Summary());
        var load = (await File.ReadAllTextAsync("/proc/loadavg")).Trim();
        await File.AppendAllTextAsync(FaultSize.ReportFile, string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ssZ} {figures.Line()}; load average {load}\n"));
        directory.Delete(recursive: true);

        report.Published.Should().Be(size.Posts, context);
        report.ErrorCount.Should().Be(0, "every post is sent again until accepted\n" + context);
        (report.Lost, report.Database.Missing, report.Database.Unexpected).Should().Be((0, 0, 0), "every published revision has one scan and a verdict\n" + context);
        report.Disagreed.Should().Be(0, "a verdict sent again for a post is the same verdict");
        report.Database.DuplicatedVerdicts.Should().Be(0, "a revision's scan verdict is written to the outbox once");
        (records.DuplicatedIncidents, records.DuplicatedNotifications).Should().Be((0, 0), "no incident or notification is stored twice");
        records.Incidents.Should().BeGreaterThan(0, "the secret posts among the load open incidents");
        records.Unsettled.Should().BeEmpty("nothing is left unsent, undelivered or queued\n" + context);
        figures.Recovery.Should().NotBeNull().And.BeLessThan(TimeSpan.FromSeconds(30), "full throughput is back within 30 s of the fault's end\n" + context);
        return figures;
    }

    /// <summary>
    /// The system's records once its backlog is worked off: duplicates counted, and what is still
    /// unsettled (outbox rows unsent, notifications undelivered or dead-lettered, messages left in a
    /// queue other than the forum's verdicts and the departments' reports) named, after waiting for
    /// the relays and the management API's figures to catch up.
    /// </summary>
    private async Task<SettledRecords> SettledRecordsAsync()
    {
        var deadline = DateTime.UtcNow + Settled;
        while (true)
        {
            var unsettled = new List<string>();
            var unsent = await ScalarAsync(OutboxTable.CountUnsentSql);
            var undelivered = await ScalarAsync("SELECT COUNT(*) FROM notification_outbox WHERE delivered_at IS NULL");
            var deadLettered = await ScalarAsync("SELECT COUNT(*) FROM notification_outbox WHERE dead_lettered_at IS NOT NULL");
            if (unsent > 0)
            {
                unsettled.Add($"{unsent} outbox message(s) unsent");
            }

            if (undelivered > 0)
            {
                unsettled.Add($"{undelivered} notification(s) undelivered ({deadLettered} dead-lettered)");
            }

            unsettled.AddRange(await QueuedAsync());
            if (unsettled.Count == 0 || DateTime.UtcNow > deadline)
            {
                return new SettledRecords(
                    await ScalarAsync("SELECT COUNT(*) FROM incidents"),
                    (int)await ScalarAsync("SELECT COUNT(*) FROM (SELECT 1 FROM incidents GROUP BY board_id, post_id, revision HAVING COUNT(*) > 1) AS d"),
                    (int)await ScalarAsync("SELECT COUNT(*) FROM (SELECT 1 FROM notification_outbox GROUP BY incident_id, endpoint_id HAVING COUNT(*) > 1) AS d"),
                    unsettled);
            }

            await Task.Delay(1_000);
        }
    }

    /// <summary>Queues of the test's virtual host still holding messages, but for the verdict queue (the load read it) and the departments' (nobody reads them in a test).</summary>
    private async Task<IReadOnlyList<string>> QueuedAsync()
    {
        using var http = RabbitMqVirtualHost.ManagementClient(new Uri(_pipeline.VirtualHost.Broker.Management));
        var queues = await http.GetFromJsonAsync<JsonElement>(new Uri($"api/queues/{Uri.EscapeDataString(_pipeline.VirtualHost.Name)}", UriKind.Relative));
        return [.. queues.EnumerateArray()
            .Select(q => (Name: q.GetProperty("name").GetString()!, Messages: q.TryGetProperty("messages", out var m) && m.ValueKind == JsonValueKind.Number ? m.GetInt64() : 0))
            .Where(q => q.Messages > 0 && !q.Name.StartsWith(DepartmentQueuePrefix, StringComparison.Ordinal) && !q.Name.StartsWith(ForumOperator.DefaultVerdictQueue(""), StringComparison.Ordinal))
            .Select(q => $"{q.Messages} message(s) in queue {q.Name}")];
    }

    /// <summary>
    /// On a connection of its own, not the pipeline's pool: after PostgreSQL restarted, the pool's
    /// idle connections are dead, and the checks are not what the fault is about.
    /// </summary>
    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_pipeline.Database.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return await connection.ExecuteScalarAsync<long>(sql);
    }

    private static async Task UntilAsync(Func<bool> condition, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
    }

    private sealed record SettledRecords(long Incidents, int DuplicatedIncidents, int DuplicatedNotifications, IReadOnlyList<string> Unsettled);
}
