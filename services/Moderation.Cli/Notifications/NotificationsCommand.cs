using System.CommandLine;
using System.Globalization;
using Dapper;
using Moderation.Storage;
using Moderation.Storage.Database;
using Moderation.Storage.Outbox;
using Moderation.Storage.Posts;
using Moderation.Storage.Scans;
using Moderation.Verdicts.Incidents;

namespace Moderation.Cli.Notifications;

/// <summary>
/// <c>moderation notifications latency</c>: measures publish-to-delivery on a running system. It opens
/// incidents as the scanner does (post, scan, incident and notification rows in one transaction) on a
/// board of the database at a steady pace, waits until the running Notifier(s) have delivered every
/// one, and reports the median, 95th and 99th percentile and maximum of commit → delivered, from the
/// rows' own timestamps. The probe posts carry no secret text and are marked as probes.
/// </summary>
public sealed class NotificationsCommand : Command
{
    public NotificationsCommand()
        : base("notifications", "Department notifications on a running system.")
    {
        var database = new Option<string?>("--database")
        {
            Description = "PostgreSQL connection string (default: $ConnectionStrings__Postgres).",
            HelpName = "CONNECTION",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("ConnectionStrings__Postgres"),
        };
        var board = new Option<string>("--board") { Description = "An approved board whose division routes to a department with endpoints.", DefaultValueFactory = _ => "demo-board" };
        var count = new Option<int>("--count") { Description = "Incidents to open.", DefaultValueFactory = _ => 300 };
        var interval = new Option<int>("--interval-ms") { Description = "Pause between incidents (a steady stream rather than one burst).", DefaultValueFactory = _ => 20 };
        var latency = new Command("latency", "Opens probe incidents and reports the publish-to-delivery latency of the running Notifier(s).");
        latency.Options.Add(database);
        latency.Options.Add(board);
        latency.Options.Add(count);
        latency.Options.Add(interval);
        latency.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(database) is not { Length: > 0 } connectionString)
            {
                await error.WriteLineAsync("notifications: pass --database or set ConnectionStrings__Postgres (source the env file of deploy/local/start-servers.sh).");
                return ExitCodes.UsageError;
            }

            var total = parse.GetValue(count);
            if (total is < 1 or > 100_000)
            {
                await error.WriteLineAsync("notifications: --count must be 1 to 100,000.");
                return ExitCodes.UsageError;
            }

            await using var db = ModerationDatabase.Postgres(connectionString);
            var run = $"probe-{DateTimeOffset.UtcNow:yyyyMMddHHmmss}";
            var storage = Microsoft.Extensions.Options.Options.Create(new StorageOptions());
            var scans = new ScanStore(db, storage);
            var outbox = new OutboxTable(db, TimeProvider.System, storage);
            var boardId = parse.GetRequiredValue(board);
            for (var i = 0; i < total; i++)
            {
                var saved = await OpenProbeAsync(scans, boardId, $"{run}-{i:D6}", cancellationToken);
                // The probe's verdict goes nowhere: marked sent so no relay delivers it.
                await outbox.MarkSentAsync(saved.VerdictOutboxId!.Value, cancellationToken);
                await Task.Delay(parse.GetValue(interval), cancellationToken);
            }

            const string Pending = """
                SELECT COUNT(*) FROM notification_outbox n JOIN incidents i ON i.incident_id = n.incident_id
                 WHERE i.post_id LIKE @Prefix AND n.delivered_at IS NULL AND n.dead_lettered_at IS NULL
                """;
            var deadline = DateTime.UtcNow.AddMinutes(2);
            await using var connection = await db.OpenAsync(cancellationToken);
            while (await connection.ExecuteScalarAsync<long>(Pending, new { Prefix = run + "%" }) > 0)
            {
                if (DateTime.UtcNow > deadline)
                {
                    await error.WriteLineAsync("notifications: not every probe was delivered within 2 minutes; is a Notifier running, and does the board's department have an endpoint?");
                    return ExitCodes.InvalidInput;
                }

                await Task.Delay(100, cancellationToken);
            }

            var latencies = (await connection.QueryAsync<(DateTime Created, DateTime? Delivered)>("""
                SELECT n.created_at, n.delivered_at FROM notification_outbox n JOIN incidents i ON i.incident_id = n.incident_id
                 WHERE i.post_id LIKE @Prefix
                """, new { Prefix = run + "%" }))
                .Where(r => r.Delivered is not null)
                .Select(r => (r.Delivered!.Value - r.Created).TotalMilliseconds)
                .Order()
                .ToList();
            var dead = total - latencies.Count;
            string Ms(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);
            double P(double q) => latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(q * latencies.Count) - 1)];
            await output.WriteLineAsync($"{latencies.Count} notifications delivered ({dead} dead-lettered), publish-to-delivery: " +
                $"median {Ms(P(0.5))} ms, p95 {Ms(P(0.95))} ms, p99 {Ms(P(0.99))} ms, max {Ms(latencies[^1])} ms");
            return ExitCodes.Success;
        });
        Subcommands.Add(latency);
    }

    private static Task<ScanSaved> OpenProbeAsync(ScanStore scans, string boardId, string postId, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        return scans.SaveAsync(new ScanWrite
        {
            Post = new PostRecord { BoardId = boardId, PostId = postId, Channel = "Bbs", AuthorId = "latency-probe", Body = $"Latency probe {postId}: no content.", SubmittedAt = now, ReceivedAt = now },
            Action = "Remove",
            Score = 1,
            ReasonsJson = "[]",
            RuleSetVersion = "latency-probe",
            ScannedAt = now,
            Incident = new IncidentOpening
            {
                BoardId = boardId,
                PostId = postId,
                Source = "Scan",
                OpenedBy = "latency-probe",
                Score = 1,
                MaskedExcerpt = "(latency probe)",
                DetectedAt = now,
                RemovalDetail = "Latency probe: no post was removed.",
            },
            Verdict = new OutboundMessage("moderation.latency-probe", "PostVerdict", "{}"),
        }, cancellationToken);
    }
}
