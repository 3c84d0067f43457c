using Dapper;
using Npgsql;

namespace Moderation.Cli.Load;

/// <summary>What the database holds for the run's boards: revisions scanned that were not published, published and not scanned, and scan verdicts written to the outbox more than once.</summary>
public sealed record DatabaseResult(int Scans, int Missing, int Unexpected, int DuplicatedVerdicts, IReadOnlyList<string> Examples)
{
    public bool Clean => Missing == 0 && Unexpected == 0 && DuplicatedVerdicts == 0;
}

/// <summary>
/// The check of exactly-once from the system's own records (PostgreSQL): one scan row per published
/// revision, and one scan-stage verdict in the outbox per revision. Read-only.
/// </summary>
public static class DatabaseCheck
{
    private const string ScansSql = """
        SELECT board_id AS BoardId, post_id AS PostId, revision AS Revision
          FROM scans
         WHERE board_id = ANY(@Boards)
        """;

    // The outbox payload is the verdict as sent; the scan stage is the one a post gets once per revision.
    private const string DuplicatedVerdictsSql = """
        SELECT p ->> 'boardId' AS BoardId, p ->> 'postId' AS PostId, (p ->> 'revision')::int AS Revision, COUNT(*)::int AS Count
          FROM (SELECT payload_json::jsonb AS p
                  FROM message_outbox m
                  JOIN message_outbox_posts mp ON mp.outbox_id = m.outbox_id
                 WHERE m.message_type = 'PostVerdict' AND mp.board_id = ANY(@Boards)) AS v
         WHERE p ->> 'stage' = 'Scan'
         GROUP BY 1, 2, 3
        HAVING COUNT(*) > 1
        """;

    public static async Task<DatabaseResult> RunAsync(string connectionString, IReadOnlyCollection<string> boards, IReadOnlyCollection<RevisionKey> published, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var arguments = new { Boards = boards.ToArray() };
        var scanned = (await connection.QueryAsync<(string BoardId, string PostId, int Revision)>(new CommandDefinition(ScansSql, arguments, cancellationToken: cancellationToken, commandTimeout: 300)))
            .Select(s => new RevisionKey(s.BoardId, s.PostId, s.Revision)).ToHashSet();
        var duplicated = (await connection.QueryAsync<(string BoardId, string PostId, int Revision, int Count)>(new CommandDefinition(DuplicatedVerdictsSql, arguments, cancellationToken: cancellationToken, commandTimeout: 300))).ToList();
        var expected = published.ToHashSet();
        var missing = expected.Where(k => !scanned.Contains(k)).ToList();
        var unexpected = scanned.Where(k => !expected.Contains(k)).ToList();
        var examples = missing.Take(5).Select(k => $"not scanned: {k}")
            .Concat(unexpected.Take(5).Select(k => $"scanned but not published: {k}"))
            .Concat(duplicated.Take(5).Select(d => $"{d.Count} scan verdicts in the outbox: {new RevisionKey(d.BoardId, d.PostId, d.Revision)}"))
            .ToList();
        return new DatabaseResult(scanned.Count, missing.Count, unexpected.Count, duplicated.Count, examples);
    }
}
