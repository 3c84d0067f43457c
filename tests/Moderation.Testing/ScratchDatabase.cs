using Microsoft.Extensions.Logging.Abstractions;
using Moderation.Storage.Database;
using Moderation.Storage.Migrations;
using Npgsql;

namespace Moderation.Testing;

/// <summary>A migrated database of its own for one test class, dropped afterwards.</summary>
public sealed class ScratchDatabase : IAsyncDisposable
{
    private readonly Func<Task> _drop;

    private ScratchDatabase(ModerationDatabase database, string connectionString, Func<Task> drop)
    {
        Database = database;
        ConnectionString = connectionString;
        _drop = drop;
    }

    public ModerationDatabase Database { get; }

    public string ConnectionString { get; }

    public static async Task<ScratchDatabase> CreateSqliteAsync(bool migrate = true)
    {
        var directory = Directory.CreateTempSubdirectory("moderation-test-");
        var connectionString = $"Data Source={Path.Combine(directory.FullName, "moderation.db")}";
        var database = ModerationDatabase.Sqlite(connectionString);
        var scratch = new ScratchDatabase(database, connectionString, async () =>
        {
            await database.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
        });
        return migrate ? await scratch.MigratedAsync() : scratch;
    }

    /// <param name="migrate">Run the migrations.</param>
    /// <param name="server">The PostgreSQL to create it on: the suite's unless told.</param>
    /// <param name="tablespace">A tablespace to keep all of it in (the fault suite's small disk); the server's default unless told.</param>
    public static async Task<ScratchDatabase> CreatePostgresAsync(bool migrate = true, string? server = null, string? tablespace = null)
    {
        var serverConnection = new NpgsqlConnectionStringBuilder(server ?? TestServers.Postgres);
        var name = $"test_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(serverConnection.ConnectionString))
        {
            await admin.OpenAsync();
            // Both names are made here, never taken from outside: a database name cannot be a parameter.
            await using var create = new NpgsqlCommand(tablespace is null ? $"CREATE DATABASE {name}" : $"CREATE DATABASE {name} TABLESPACE {tablespace}", admin);
            await create.ExecuteNonQueryAsync();
        }

        var own = new NpgsqlConnectionStringBuilder(serverConnection.ConnectionString) { Database = name };
        var database = ModerationDatabase.Postgres(own.ConnectionString);
        var scratch = new ScratchDatabase(database, own.ConnectionString, async () =>
        {
            await database.DisposeAsync();
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(serverConnection.ConnectionString);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        });
        return migrate ? await scratch.MigratedAsync() : scratch;
    }

    public async ValueTask DisposeAsync() => await _drop();

    private async Task<ScratchDatabase> MigratedAsync()
    {
        await new Migrator(Database, TimeProvider.System, NullLogger<Migrator>.Instance).MigrateAsync(CancellationToken.None);
        return this;
    }
}
