using System.Data.Common;
using Dapper;
using Moderation.Storage.Database;
using Moderation.Storage.Review;

namespace Moderation.Api.Review.Cases;

/// <summary>
/// How a case is read from the database, for every slice: the summary columns the queue lists and
/// the detail a case page shows and a decision needs (the post, the scan, the forum's verdict queue).
/// </summary>
public sealed class CaseReader(ModerationDatabase database)
{
    public const string SummaryColumns = """
        c.case_id, c.board_id, b.name AS board_name, b.division_code, c.post_id, c.revision, c.kind, c.category,
        c.score, c.status, c.version, c.opened_at, c.due_at, c.claimed_by, c.claim_expires_at, c.decided_by, c.decided_at,
        COALESCE((SELECT substr(p.title, 1, 80) FROM posts p WHERE p.board_id = c.board_id AND p.post_id = c.post_id AND p.revision = c.revision),
                 (SELECT substr(e.title, 1, 80) FROM case_posts e WHERE e.board_id = c.board_id AND e.post_id = c.post_id AND e.revision = c.revision)) AS title,
        COALESCE((SELECT substr(p.body, 1, 160) FROM posts p WHERE p.board_id = c.board_id AND p.post_id = c.post_id AND p.revision = c.revision),
                 (SELECT substr(e.masked_excerpt, 1, 160) FROM case_posts e WHERE e.board_id = c.board_id AND e.post_id = c.post_id AND e.revision = c.revision)) AS excerpt
        """;

    // The post's text is read per listed row (subqueries above), not joined: a join makes the planner
    // misjudge how many rows a board filter leaves and sort instead of walking the index.
    public const string SummaryFrom = """
        FROM review_cases c
        JOIN boards b ON b.board_id = c.board_id
        """;

    /// <summary>The case regardless of who asks; callers acting for a person go through <see cref="CaseAccess"/>.</summary>
    public async Task<ReviewCaseDetail?> FindAsync(long caseId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await FindAsync(connection, null, caseId, cancellationToken);
    }

    /// <summary>The case as it is inside <paramref name="transaction"/> (a decision reads it there).</summary>
    public static async Task<ReviewCaseDetail?> FindAsync(DbConnection connection, DbTransaction? transaction, long caseId, CancellationToken cancellationToken)
    {
        const string Sql = $"""
            SELECT {SummaryColumns},
                   c.scan_id, b.operator_id, o.verdict_queue, b.status AS board_status, p.channel, p.author_id, p.title, p.body,
                   p.submitted_at, p.source_outlet, p.source_consent, s.action AS scan_action, s.reasons_json, s.rule_set_version, s.scanned_at
            {SummaryFrom}
            JOIN posts p ON p.board_id = c.board_id AND p.post_id = c.post_id AND p.revision = c.revision
            JOIN operators o ON o.operator_id = b.operator_id
            JOIN scans s ON s.scan_id = c.scan_id
            WHERE c.case_id = @caseId
            """;
        var rows = await connection.QueryAsync<ReviewCaseSummary, ReviewCaseDetail, ReviewCaseDetail>(new CommandDefinition(Sql, new { caseId }, transaction, cancellationToken: cancellationToken),
            (summary, detail) => detail with { Case = summary }, splitOn: "scan_id");
        return rows.SingleOrDefault() is { } found
            ? found with { Posts = await CasePosts.ForCaseAsync(connection, transaction, caseId, cancellationToken) }
            : null;
    }
}
