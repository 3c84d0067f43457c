using System.CommandLine;
using Microsoft.Extensions.Logging.Abstractions;
using Moderation.Storage.Migrations;

namespace Moderation.Cli.Migrate;

/// <summary>
/// <c>moderation migrate</c>: brings a database's schema up to date and exits: what the services do
/// at start when <c>Moderation:Storage:MigrateOnStart</c> is on. A deployment runs it once before the
/// services start (the chart's pre-install and pre-upgrade Job), and the services run with it off.
/// Exit 0 when the schema is current, 2 when it cannot be made so (the reason on standard error).
/// </summary>
public sealed class MigrateCommand : Command
{
    public MigrateCommand()
        : base("migrate", "Apply the pending schema migrations to a database, then exit.")
    {
        var connection = new Option<string?>("--connection-string")
        {
            Description = $"PostgreSQL (Host=…;Database=…) or SQLite (Data Source=FILE). Default: ${CliDatabase.ConnectionStringVariable}.",
            HelpName = "CONNECTION",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable(CliDatabase.ConnectionStringVariable),
        };
        Options.Add(connection);
        SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            if (parse.GetValue(connection) is not { Length: > 0 } connectionString)
            {
                await error.WriteLineAsync($"migrate: say which database: --connection-string or ${CliDatabase.ConnectionStringVariable}.");
                return ExitCodes.UsageError;
            }

            IReadOnlyList<Migration> applied;
            try
            {
                await using var database = CliDatabase.Open(connectionString);
                applied = await new Migrator(database, TimeProvider.System, NullLogger<Migrator>.Instance).MigrateAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is System.Data.Common.DbException or ArgumentException or InvalidOperationException or MigrationException)
            {
                await error.WriteLineAsync($"migrate: the schema could not be brought up to date: {ex.Message}");
                return ExitCodes.UsageError;
            }

            foreach (var migration in applied)
            {
                await output.WriteLineAsync($"applied {migration.Version:D4}_{migration.Name}");
            }

            await output.WriteLineAsync($"schema is current ({applied.Count} migration(s) applied now)");
            return ExitCodes.Success;
        });
    }
}
