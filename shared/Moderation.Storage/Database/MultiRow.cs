using System.Text;
using Dapper;

namespace Moderation.Storage.Database;

/// <summary>
/// The <c>VALUES</c> list of a multi-row <c>INSERT</c>, in both dialects: one statement (one round
/// trip, one plan) for a batch's rows instead of one per row. Every value is a parameter, named
/// after the column's position and the row's, never taken from input.
/// </summary>
internal static class MultiRow
{
    /// <summary>"(@p0_0, @p1_0, …), (@p0_1, …)" for <paramref name="rows"/>, with the values added to <paramref name="parameters"/>.</summary>
    public static string Values<T>(IReadOnlyList<T> rows, DynamicParameters parameters, string prefix, params Func<T, object?>[] columns)
    {
        var sql = new StringBuilder();
        for (var row = 0; row < rows.Count; row++)
        {
            sql.Append(row == 0 ? "(" : ", (");
            for (var column = 0; column < columns.Length; column++)
            {
                var name = $"{prefix}{column}_{row}";
                parameters.Add(name, columns[column](rows[row]));
                sql.Append(column == 0 ? "@" : ", @").Append(name);
            }

            sql.Append(')');
        }

        return sql.ToString();
    }
}
