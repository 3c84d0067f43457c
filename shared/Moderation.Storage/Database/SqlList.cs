using System.Data.Common;
using Npgsql;

namespace Moderation.Storage.Database;

/// <summary>
/// "Value in this list" in each dialect: Dapper passes a list to Npgsql as one array parameter
/// (<c>= ANY(@p)</c>) but expands it into <c>IN (@p1, @p2, …)</c> for SQLite.
/// </summary>
internal static class SqlList
{
    /// <summary>The parameter name is a constant of the calling code, never input.</summary>
    public static string In(DbConnection connection, string parameter) =>
        connection is NpgsqlConnection ? $"= ANY(@{parameter})" : $"IN @{parameter}";
}
