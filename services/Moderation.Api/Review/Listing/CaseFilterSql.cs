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
        AppendSearch(sql, parameters, filter, provider);
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

    /// <summary>
    /// Search by the post's author, id and text. The post row is read per case (one primary-key
    /// lookup), like the listing's title and excerpt; text is a case-insensitive substring, with the
    /// LIKE wildcards in it taken literally.
    /// </summary>
    private static void AppendSearch(StringBuilder sql, DynamicParameters parameters, CaseFilter filter, StorageProvider provider)
    {
        if (filter.PostId is { } postId)
        {
            sql.Append(" AND c.post_id = @PostId");
            parameters.Add("PostId", postId);
        }

        if (filter.AuthorId is null && filter.Text is null)
        {
            return;
        }

        sql.Append(" AND EXISTS (SELECT 1 FROM posts p WHERE p.board_id = c.board_id AND p.post_id = c.post_id AND p.revision = c.revision");
        if (filter.AuthorId is { } author)
        {
            sql.Append(" AND p.author_id = @AuthorId");
            parameters.Add("AuthorId", author);
        }

        if (filter.Text is { } text)
        {
            // SQLite's LIKE ignores case (ASCII); PostgreSQL's needs ILIKE for the same answer.
            var like = provider == StorageProvider.Postgres ? "ILIKE" : "LIKE";
            sql.Append($" AND (p.title {like} @TextPattern ESCAPE '\\' OR p.body {like} @TextPattern ESCAPE '\\')");
            parameters.Add("TextPattern", "%" + EscapeWildcards(text) + "%");
        }

        sql.Append(')');
    }

    private static string EscapeWildcards(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    // Division codes are digits: anything else (including LIKE's wildcards) is dropped.
    private static string EscapeLike(string value) => new([.. value.Where(char.IsAsciiDigit)]);
}
