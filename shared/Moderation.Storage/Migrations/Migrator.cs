using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Logging;
using Moderation.Storage.Database;

namespace Moderation.Storage.Migrations;

/// <summary>
/// Applies pending numbered scripts, each in its own transaction together with its journal row.
/// Several replicas may start at once: on PostgreSQL an advisory lock makes them take turns; SQLite
/// serialises writers itself. An applied script whose text has changed stops the start, because the
/// database no longer matches what the code expects.
/// </summary>
public sealed class Migrator(ModerationDatabase database, TimeProvider time, ILogger<Migrator> logger)
{
    // Any fixed number works; it only has to be the same for every replica.
    private const long AdvisoryLockKey = 0x4D6F6465726174;

    public async Task<IReadOnlyList<Migration>> MigrateAsync(CancellationToken cancellationToken)
    {
        var migrations = MigrationCatalog.For(database.Provider);
        await using var connection = await database.OpenAsync(cancellationToken);
        if (database.Provider == StorageProvider.Postgres)
        {
            await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_lock(@AdvisoryLockKey)", new { AdvisoryLockKey }, cancellationToken: cancellationToken));
        }

        try
        {
            await EnsureJournalAsync(connection, cancellationToken);
            var applied = (await connection.QueryAsync<JournalRow>(new CommandDefinition(
                "SELECT version, name, checksum FROM schema_journal", cancellationToken: cancellationToken)))
                .ToDictionary(r => r.Version);
            var newlyApplied = new List<Migration>();
            foreach (var migration in migrations)
            {
                if (applied.TryGetValue(migration.Version, out var row))
                {
                    if (row.Checksum != migration.Checksum)
                    {
                        throw new MigrationException(
                            $"Migration {migration.Version:D4}_{migration.Name} was changed after it was applied to this database " +
                            "(checksum differs). Restore the original script and add a new numbered script instead.");
                    }

                    continue;
                }

                await ApplyAsync(connection, migration, cancellationToken);
                newlyApplied.Add(migration);
            }

            return newlyApplied;
        }
        finally
        {
            if (database.Provider == StorageProvider.Postgres)
            {
                await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_unlock(@AdvisoryLockKey)", new { AdvisoryLockKey }, cancellationToken: CancellationToken.None));
            }
        }
    }

    private async Task ApplyAsync(DbConnection connection, Migration migration, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(migration.Sql, transaction: transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO schema_journal (version, name, checksum, applied_at) VALUES (@Version, @Name, @Checksum, @AppliedAt)",
                new { migration.Version, migration.Name, migration.Checksum, AppliedAt = time.GetUtcNow() },
                transaction,
                cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            logger.LogInformation("Applied migration {Version} {Name}", migration.Version, migration.Name);
        }
        catch (DbException ex)
        {
            throw new MigrationException($"Migration {migration.Version:D4}_{migration.Name} failed: {ex.Message}", ex);
        }
    }

    private async Task EnsureJournalAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var timestampType = database.Provider == StorageProvider.Postgres ? "timestamptz" : "text";
        // The type name is one of two constants above, never input.
        var sql = $"""
            CREATE TABLE IF NOT EXISTS schema_journal (
                version     integer PRIMARY KEY,
                name        text NOT NULL,
                checksum    text NOT NULL,
                applied_at  {timestampType} NOT NULL
            )
            """;
        await connection.ExecuteAsync(new CommandDefinition(sql, cancellationToken: cancellationToken));
    }

    private sealed class JournalRow
    {
        public int Version { get; init; }

        public string Name { get; init; } = "";

        public string Checksum { get; init; } = "";
    }
}
