using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Moderation.Storage.Database;

/// <summary>
/// The one entry point to the database: which engine, and a pooled source of connections to it.
/// Repositories share SQL where both dialects agree (<c>ON CONFLICT</c>, <c>RETURNING</c>) and ask
/// <see cref="Provider"/> only where they do not.
/// </summary>
public sealed class ModerationDatabase : IAsyncDisposable
{
    private readonly DbDataSource _dataSource;

    private ModerationDatabase(StorageProvider provider, DbDataSource dataSource)
    {
        Provider = provider;
        _dataSource = dataSource;
    }

    public StorageProvider Provider { get; }

    /// <param name="connectionString">Npgsql's connection string.</param>
    /// <param name="applicationName">
    /// The name the connections carry in <c>pg_stat_activity</c> and the server's log (the host's
    /// name, such as Moderation.Scanner), unless the connection string names one: an operator
    /// looking at a busy server sees which service holds which connections.
    /// </param>
    public static ModerationDatabase Postgres(string connectionString, string? applicationName = null)
    {
        DapperConfiguration.EnsureConfigured();
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.ApplicationName) && !string.IsNullOrEmpty(applicationName))
        {
            builder.ApplicationName = applicationName;
        }

        return new ModerationDatabase(StorageProvider.Postgres, NpgsqlDataSource.Create(builder.ConnectionString));
    }

    public static ModerationDatabase Sqlite(string connectionString)
    {
        DapperConfiguration.EnsureConfigured();
        var builder = new SqliteConnectionStringBuilder(connectionString)
        {
            ForeignKeys = true,
            Pooling = true,
            // Writers wait for each other instead of failing with SQLITE_BUSY.
            DefaultTimeout = Math.Max(30, new SqliteConnectionStringBuilder(connectionString).DefaultTimeout),
        };
        var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (builder.Mode != SqliteOpenMode.Memory && !string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        return new ModerationDatabase(StorageProvider.Sqlite, SqliteFactory.Instance.CreateDataSource(builder.ConnectionString));
    }

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        if (Provider == StorageProvider.Sqlite)
        {
            // WAL lets readers (the API) work while the scanner writes.
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
        }

        return connection;
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
