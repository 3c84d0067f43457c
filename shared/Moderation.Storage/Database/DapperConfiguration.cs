using System.Data;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Moderation.Storage.Database;

/// <summary>Process-wide Dapper settings, applied once before the first query.</summary>
internal static class DapperConfiguration
{
    private static readonly Lazy<bool> Configured = new(Configure, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Idempotent; concurrent callers wait until the settings are in place.</summary>
    public static void EnsureConfigured() => _ = Configured.Value;

    private static bool Configure()
    {
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        // Dapper maps DateTimeOffset itself and would never ask a handler; unmap it so ours is used.
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset));
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset?));
        SqlMapper.AddTypeHandler(new UtcTimestampHandler());
        SqlMapper.AddTypeHandler(new NullableUtcTimestampHandler());
        return true;
    }

    /// <summary>
    /// Timestamps are stored in UTC. PostgreSQL takes them as <c>timestamptz</c>; SQLite as fixed-width
    /// ISO-8601 text, so that text order is time order and range queries work the same on both.
    /// </summary>
    internal static object ToParameterValue(IDbDataParameter parameter, DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        return parameter is SqliteParameter
            ? utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture)
            : utc;
    }

    internal static DateTimeOffset FromDatabaseValue(object value) => value switch
    {
        DateTimeOffset offset => offset.ToUniversalTime(),
        DateTime dateTime => new DateTimeOffset(DateTime.SpecifyKind(dateTime, DateTimeKind.Utc)),
        string text => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
        _ => throw new DataException($"Cannot read a timestamp from a value of type {value.GetType().Name}."),
    };

    private sealed class UtcTimestampHandler : SqlMapper.TypeHandler<DateTimeOffset>
    {
        public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
        {
            parameter.Value = ToParameterValue(parameter, value);
            if (parameter is not SqliteParameter)
            {
                parameter.DbType = DbType.DateTimeOffset;
            }
        }

        public override DateTimeOffset Parse(object value) => FromDatabaseValue(value);
    }

    private sealed class NullableUtcTimestampHandler : SqlMapper.TypeHandler<DateTimeOffset?>
    {
        public override void SetValue(IDbDataParameter parameter, DateTimeOffset? value)
        {
            if (value is null)
            {
                parameter.Value = DBNull.Value;
                return;
            }

            parameter.Value = ToParameterValue(parameter, value.Value);
            if (parameter is not SqliteParameter)
            {
                parameter.DbType = DbType.DateTimeOffset;
            }
        }

        public override DateTimeOffset? Parse(object value) => value is null or DBNull ? null : FromDatabaseValue(value);
    }
}
