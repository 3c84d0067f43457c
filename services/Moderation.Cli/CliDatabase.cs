using Moderation.Storage.Database;

namespace Moderation.Cli;

/// <summary>The database a command reads or changes directly, named by a connection string.</summary>
public static class CliDatabase
{
    /// <summary>Where the connection string comes from when a command is given none.</summary>
    public const string ConnectionStringVariable = "MODERATION_CONNECTION_STRING";

    /// <summary>SQLite for <c>Data Source=FILE</c>, PostgreSQL for anything else (<c>Host=…;Database=…</c>).</summary>
    public static ModerationDatabase Open(string connectionString) =>
        connectionString.TrimStart().StartsWith("Data Source", StringComparison.OrdinalIgnoreCase)
            ? ModerationDatabase.Sqlite(connectionString)
            : ModerationDatabase.Postgres(connectionString);
}
