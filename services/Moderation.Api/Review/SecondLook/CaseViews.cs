using Dapper;
using Moderation.Storage.Database;

namespace Moderation.Api.Review.SecondLook;

/// <summary>
/// Who opened which case (its page, or the case over the API), the last time: the evidence that a
/// moderator looked at a removed post before releasing it with others.
/// </summary>
public sealed class CaseViews(ModerationDatabase database, TimeProvider time)
{
    public async Task RecordAsync(long caseId, string viewer, CancellationToken cancellationToken)
    {
        const string Sql = """
            INSERT INTO review_case_views (case_id, viewer, viewed_at) VALUES (@caseId, @viewer, @now)
            ON CONFLICT (case_id, viewer) DO UPDATE SET viewed_at = excluded.viewed_at
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(Sql, new { caseId, viewer, now = time.GetUtcNow() }, cancellationToken: cancellationToken));
    }

    /// <summary>Which of <paramref name="caseIds"/> <paramref name="viewer"/> has opened.</summary>
    public async Task<IReadOnlySet<long>> OpenedAsync(IReadOnlyCollection<long> caseIds, string viewer, CancellationToken cancellationToken)
    {
        if (caseIds.Count == 0)
        {
            return new HashSet<long>();
        }

        // Npgsql binds an array; Dapper expands the list for SQLite.
        var sql = database.Provider == StorageProvider.Postgres
            ? "SELECT case_id FROM review_case_views WHERE viewer = @viewer AND case_id = ANY(@ids)"
            : "SELECT case_id FROM review_case_views WHERE viewer = @viewer AND case_id IN @ids";
        await using var connection = await database.OpenAsync(cancellationToken);
        var opened = await connection.QueryAsync<long>(new CommandDefinition(sql, new { viewer, ids = caseIds.ToArray() }, cancellationToken: cancellationToken));
        return opened.ToHashSet();
    }
}
