using System.Text;
using Dapper;
using Moderation.Api.Review.Cases;
using Moderation.Storage.Database;

namespace Moderation.Api.Review.Listing;

/// <summary>
/// The queue's pages in the database: keyset pages over the <c>review_cases_by_*</c> indexes, so a
/// page deep in the queue is as cheap as the first. The filter carries the caller's scope.
/// </summary>
public sealed class ListCasesSql(ModerationDatabase database)
{
    /// <summary>One page of cases. Filters and the sort are fixed SQL fragments; values are parameters.</summary>
    public async Task<CasePage> ListAsync(CaseFilter filter, CancellationToken cancellationToken)
    {
        var (sql, parameters, limit) = PageQuery(filter);
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<ReviewCaseSummary>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken))).ToList();
        var hasMore = rows.Count > limit;
        if (hasMore)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        return new CasePage(rows, hasMore ? CaseCursor.Of(rows[^1], filter.Sort) : null);
    }

    /// <summary>
    /// PostgreSQL's plan for one page, executed (<c>EXPLAIN ANALYZE</c>): how the paging test proves a
    /// page is an index range scan with no sort, however many cases are open.
    /// </summary>
    public async Task<string> ExplainPageAsync(CaseFilter filter, CancellationToken cancellationToken)
    {
        if (database.Provider != StorageProvider.Postgres)
        {
            throw new NotSupportedException("Query plans are read on PostgreSQL, the system of record.");
        }

        var (sql, parameters, _) = PageQuery(filter);
        await using var connection = await database.OpenAsync(cancellationToken);
        var lines = await connection.QueryAsync<string>(new CommandDefinition("EXPLAIN (ANALYZE, BUFFERS) " + sql, parameters, cancellationToken: cancellationToken));
        return string.Join("\n", lines);
    }

    /// <summary>How many cases match (the queue's header; the cursor is ignored).</summary>
    public async Task<long> CountAsync(CaseFilter filter, CancellationToken cancellationToken)
    {
        var sql = new StringBuilder("SELECT COUNT(*) FROM review_cases c JOIN boards b ON b.board_id = c.board_id WHERE c.status = @Status");
        var parameters = new DynamicParameters(new { filter.Status });
        CaseFilterSql.AppendFilters(sql, parameters, filter, database.Provider);
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(sql.ToString(), parameters, cancellationToken: cancellationToken));
    }

    /// <summary>The boards within a scope (for the queue's board filter), by name.</summary>
    public async Task<IReadOnlyList<(string BoardId, string Name)>> BoardsAsync(IReadOnlyCollection<string>? scopeBoards, string? divisionPrefix, CancellationToken cancellationToken)
    {
        const string Sql = "SELECT board_id, name, division_code FROM boards ORDER BY name, board_id";
        await using var connection = await database.OpenAsync(cancellationToken);
        var all = await connection.QueryAsync<(string BoardId, string Name, string DivisionCode)>(new CommandDefinition(Sql, cancellationToken: cancellationToken));
        return [.. all
            .Where(b => scopeBoards is null || scopeBoards.Contains(b.BoardId))
            .Where(b => divisionPrefix is null || b.DivisionCode.StartsWith(divisionPrefix, StringComparison.Ordinal))
            .Select(b => (b.BoardId, b.Name))];
    }

    private (string Sql, DynamicParameters Parameters, int Limit) PageQuery(CaseFilter filter)
    {
        var limit = Math.Clamp(filter.Limit, 1, 500);
        var sql = new StringBuilder($"SELECT {CaseReader.SummaryColumns} {CaseReader.SummaryFrom} WHERE c.status = @Status");
        var parameters = new DynamicParameters(new { filter.Status, Limit = limit + 1 });
        CaseFilterSql.AppendFilters(sql, parameters, filter, database.Provider);

        if (filter.After is { } after)
        {
            var cursor = CaseCursor.Parse(after, filter.Sort)
                ?? throw new ArgumentException($"The page cursor '{after}' is not one this queue issued for sort '{filter.Sort}'. Start again from the first page.", nameof(filter));
            parameters.Add("CursorId", cursor.CaseId);
            switch (filter.Sort)
            {
                case CaseSort.Priority:
                    sql.Append(" AND (c.due_at, c.case_id) > (@CursorTime, @CursorId)");
                    parameters.Add("CursorTime", cursor.Time);
                    break;
                case CaseSort.Oldest:
                    sql.Append(" AND (c.opened_at, c.case_id) > (@CursorTime, @CursorId)");
                    parameters.Add("CursorTime", cursor.Time);
                    break;
                case CaseSort.Score:
                    // Descending score, ascending id: the leading bound keeps it an index range.
                    sql.Append(" AND c.score <= @CursorScore AND (c.score < @CursorScore OR c.case_id > @CursorId)");
                    parameters.Add("CursorScore", cursor.Score);
                    break;
            }
        }

        sql.Append(filter.Sort switch
        {
            CaseSort.Priority => " ORDER BY c.due_at, c.case_id",
            CaseSort.Score => " ORDER BY c.score DESC, c.case_id",
            CaseSort.Oldest => " ORDER BY c.opened_at, c.case_id",
            _ => throw new ArgumentOutOfRangeException(nameof(filter), filter.Sort, "Unknown sort."),
        });
        sql.Append(" LIMIT @Limit");

        return (sql.ToString(), parameters, limit);
    }
}
