using Dapper;
using Moderation.Storage.Database;
using Moderation.Storage.Migrations;
using Moderation.Testing;

namespace Moderation.Cli.Tests;

/// <summary><c>moderation migrate</c>, the chart's migration Job, on real empty databases.</summary>
public sealed class MigrateCommandTests
{
    [Fact]
    public async Task Migrate_brings_an_empty_postgres_database_up_to_date_and_a_second_run_applies_nothing()
    {
        await using var scratch = await ScratchDatabase.CreatePostgresAsync(migrate: false);
        var catalog = MigrationCatalog.For(StorageProvider.Postgres);

        var first = await CliRun.RunAsync(["migrate", "--connection-string", scratch.ConnectionString]);
        var second = await CliRun.RunAsync(["migrate", "--connection-string", scratch.ConnectionString]);

        first.ExitCode.Should().Be(0, first.Error);
        first.Output.Should().Contain($"({catalog.Count} migration(s) applied now)").And.Contain($"applied {catalog[^1].Version:D4}_{catalog[^1].Name}");
        second.ExitCode.Should().Be(0, second.Error);
        second.Output.Trim().Should().Be("schema is current (0 migration(s) applied now)");
        await using var connection = await scratch.Database.OpenAsync(CancellationToken.None);
        (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM schema_journal")).Should().Be(catalog.Count);
    }

    [Fact]
    public async Task Migrate_brings_an_empty_sqlite_file_up_to_date()
    {
        await using var scratch = await ScratchDatabase.CreateSqliteAsync(migrate: false);

        var run = await CliRun.RunAsync(["migrate", "--connection-string", scratch.ConnectionString]);

        run.ExitCode.Should().Be(0, run.Error);
        run.Output.Should().Contain($"({MigrationCatalog.For(StorageProvider.Sqlite).Count} migration(s) applied now)");
    }

    [Fact]
    public async Task Migrate_without_a_database_says_how_to_name_one()
    {
        var run = await CliRun.RunAsync(["migrate"]);

        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain("--connection-string").And.Contain("MODERATION_CONNECTION_STRING");
    }

    [Fact]
    public async Task Migrate_names_why_an_unreachable_database_cannot_be_migrated()
    {
        var run = await CliRun.RunAsync(["migrate", "--connection-string", "Host=127.0.0.1;Port=1;Database=none;Username=none;Password=none;Timeout=2"]);

        run.ExitCode.Should().Be(2);
        run.Error.Should().StartWith("migrate: the schema could not be brought up to date:");
    }
}
