using System.Text;
using Dapper;
using Moderation.Storage.Database;

namespace Moderation.Api.Review.Listing;

/// <summary>
/// A <see cref="CaseFilter"/> as SQL conditions over aliases <c>c</c> (case) and <c>b</c> (board):
/// fixed fragments, every value a parameter. The queue and the dashboard share the scope part.
/// </summary>
public static class CaseFilterSql
{
    public static void AppendFilters(StringBuilder sql, DynamicParameters parameters, CaseFilter filter, StorageProvider provider)
    {
        AppendScope(sql, parameters, filter, provider);
        AppendCriteria(sql, parameters, filter);
    }

    /// <summary>The caller's scope only (boards, jurisdiction).</summary>
    public static void AppendScope(StringBuilder sql, DynamicParameters parameters, CaseFilter filter, StorageProvider provider)
    {
        if (filter.ScopeBoards is { Count: 0 })
        {
            // A moderator with no boards sees nothing (and an empty IN list is not valid SQL everywhere).
            sql.Append(" AND 1 = 0");
        }
        else if (filter.ScopeBoards is { } scope)
        {
            // Npgsql binds an array; Dapper expands the list for SQLite.
            sql.Append(provider == StorageProvider.Postgres ? " AND c.board_id = ANY(@ScopeBoards)" : " AND c.board_id IN @ScopeBoards");
            parameters.Add("ScopeBoards", scope.ToArray());
        }

        if (filter.ScopeDivisionPrefix is { } prefix)
        {
            sql.Append(" AND b.division_code LIKE @DivisionPattern");
            parameters.Add("DivisionPattern", EscapeLike(prefix) + "%");
        }
    }

    private static void AppendCriteria(StringBuilder sql, DynamicParameters parameters, CaseFilter filter)
    {
        if (filter.Board is { } board)
        {
            sql.Append(" AND c.board_id = @Board");
            parameters.Add("Board", board);
        }

        if (filter.Category is { } category)
        {
            sql.Append(" AND c.category = @Category");
            parameters.Add("Category", category);
        }

        if (filter.MinScore is { } min)
        {
            sql.Append(" AND c.score >= @MinScore");
            parameters.Add("MinScore", min);
        }

        if (filter.MaxScore is { } max)
        {
            sql.Append(" AND c.score <= @MaxScore");
            parameters.Add("MaxScore", max);
        }

        if (filter.OpenedBefore is { } before)
        {
            sql.Append(" AND c.opened_at <= @OpenedBefore");
            parameters.Add("OpenedBefore", before);
        }

        if (filter.OpenedAfter is { } afterTime)
        {
            sql.Append(" AND c.opened_at >= @OpenedAfter");
            parameters.Add("OpenedAfter", afterTime);
        }
    }

    // Division codes are digits: anything else (including LIKE's wildcards) is dropped.
    private static string EscapeLike(string value) => new([.. value.Where(char.IsAsciiDigit)]);
}
