using System.Text;
using Dapper;
using Moderation.Api.Review.Cases;
using Moderation.Api.Review.Listing;
using Moderation.Storage.Database;

namespace Moderation.Api.Review.Statistics;

/// <summary>
/// The dashboard's figures, aggregated in the database (time buckets are the one place the two
/// dialects differ), scoped like the queue.
/// </summary>
public sealed class ReviewStatistics(ModerationDatabase database, TimeProvider time)
{
    public async Task<DashboardFigures> ComputeAsync(CaseFilter scope, TimeSpan window, TimeSpan bucket, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var from = now - window;
        // The last bucket is the current, partial one, so the chart ends at "now".
        var buckets = (int)Math.Floor(window / bucket) + 1;
        var scopeSql = new StringBuilder();
        var parameters = new DynamicParameters(new { From = from, Now = now, BucketSeconds = bucket.TotalSeconds });
        CaseFilterSql.AppendScope(scopeSql, parameters, scope, database.Provider);
        var where = scopeSql.ToString();

        string BucketOf(string column) => database.Provider == StorageProvider.Postgres
            ? $"CAST(floor(extract(epoch FROM ({column} - @From)) / @BucketSeconds) AS integer)"
            : $"CAST((julianday({column}) - julianday(@From)) * 86400.0 / @BucketSeconds AS integer)";
        string DayOf(string column) => database.Provider == StorageProvider.Postgres
            ? $"to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM-DD')"
            : $"substr({column}, 1, 10)";
        string BandOf(string column) => database.Provider == StorageProvider.Postgres
            ? $"CAST(floor({column} * 20) AS integer)"
            : $"CAST({column} * 20 AS integer)";

        var from_ = "FROM review_cases c JOIN boards b ON b.board_id = c.board_id WHERE 1 = 1" + where;
        var baselineSql = $"SELECT COUNT(*) {from_} AND c.opened_at < @From AND (c.decided_at IS NULL OR c.decided_at >= @From)";
        var openedSql = $"SELECT {BucketOf("c.opened_at")} AS bucket, COUNT(*) AS n {from_} AND c.opened_at >= @From GROUP BY 1";
        var decidedSql = $"SELECT {BucketOf("c.decided_at")} AS bucket, COUNT(*) AS n {from_} AND c.decided_at >= @From GROUP BY 1";
        var decisionsSql = $"""
            SELECT {DayOf("d.decided_at")} AS day, d.decision, COUNT(*) AS n
            FROM review_decisions d JOIN review_cases c ON c.case_id = d.case_id JOIN boards b ON b.board_id = c.board_id
            WHERE d.decided_at >= @From{where}
            GROUP BY 1, 2
            """;
        var bandsSql = $"SELECT {BandOf("c.score")} AS band, COUNT(*) AS n {from_} AND c.status = 'Open' GROUP BY 1";
        var decidedCasesSql = $"SELECT c.opened_at, c.due_at, c.decided_at {from_} AND c.decided_at >= @From ORDER BY c.decided_at DESC LIMIT 20000";
        var openSql = $"SELECT COUNT(*) AS open_now, SUM(CASE WHEN c.due_at < @Now THEN 1 ELSE 0 END) AS overdue_now {from_} AND c.status = 'Open'";

        await using var connection = await database.OpenAsync(cancellationToken);
        CommandDefinition Command(string sql) => new(sql, parameters, cancellationToken: cancellationToken);
        var baseline = await connection.ExecuteScalarAsync<long>(Command(baselineSql));
        var opened = (await connection.QueryAsync<(int Bucket, long N)>(Command(openedSql))).ToDictionary(r => r.Bucket, r => r.N);
        var decided = (await connection.QueryAsync<(int Bucket, long N)>(Command(decidedSql))).ToDictionary(r => r.Bucket, r => r.N);
        var depth = new List<long>(buckets);
        var running = baseline;
        for (var i = 0; i < buckets; i++)
        {
            running += opened.GetValueOrDefault(i) - decided.GetValueOrDefault(i);
            depth.Add(running);
        }

        var perDay = (await connection.QueryAsync<(string Day, string Decision, long N)>(Command(decisionsSql))).ToList();
        var days = new List<(DateOnly, long, long, long)>();
        for (var day = DateOnly.FromDateTime(from.UtcDateTime); day <= DateOnly.FromDateTime(now.UtcDateTime); day = day.AddDays(1))
        {
            var key = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            long Count(string decision) => perDay.Where(d => d.Day == key && d.Decision == decision).Sum(d => d.N);
            days.Add((day, Count(ReviewDecisionKind.Release), Count(ReviewDecisionKind.Confirm), Count(ReviewDecisionKind.Escalate)));
        }

        var bands = new long[10];
        foreach (var (band, n) in await connection.QueryAsync<(int Band, long N)>(Command(bandsSql)))
        {
            bands[Math.Clamp(band - 10, 0, 9)] += n;
        }

        var decidedCases = (await connection.QueryAsync<(DateTimeOffset OpenedAt, DateTimeOffset DueAt, DateTimeOffset DecidedAt)>(Command(decidedCasesSql))).ToList();
        List<double> shares = [.. decidedCases.Select(c => (double)(c.DecidedAt - c.OpenedAt).Ticks / Math.Max(1, (c.DueAt - c.OpenedAt).Ticks))];
        var durations = decidedCases.Select(c => c.DecidedAt - c.OpenedAt).Order().ToList();
        var (openNow, overdueNow) = await connection.QuerySingleAsync<(long, long?)>(Command(openSql));
        return new DashboardFigures
        {
            From = from,
            Bucket = bucket,
            QueueDepth = depth,
            DecisionsPerDay = days,
            ScoreBands = bands,
            SlaShares = shares,
            MedianTimeToDecision = durations.Count == 0 ? null : durations[durations.Count / 2],
            OpenNow = openNow,
            OverdueNow = overdueNow ?? 0,
        };
    }

    /// <summary>Open cases in every area now, and how many of them are past their SLA.</summary>
    public async Task<(long Open, long Overdue)> QueueNowAsync(CancellationToken cancellationToken)
    {
        const string Sql = "SELECT COUNT(*), SUM(CASE WHEN due_at < @Now THEN 1 ELSE 0 END) FROM review_cases WHERE status = 'Open'";
        await using var connection = await database.OpenAsync(cancellationToken);
        var (open, overdue) = await connection.QuerySingleAsync<(long, long?)>(new CommandDefinition(Sql, new { Now = time.GetUtcNow() }, cancellationToken: cancellationToken));
        return (open, overdue ?? 0);
    }
}
