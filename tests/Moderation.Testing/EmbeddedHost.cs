namespace Moderation.Testing;

/// <summary>Settings of an in-process test host that uses the embedded parts only.</summary>
public static class EmbeddedHost
{
    /// <summary>SQLite at <paramref name="sqliteConnectionString"/> with the demo boards; no PostgreSQL, RabbitMQ or Redis, whatever servers tests/run.sh exported for the integration tests.</summary>
    public static Dictionary<string, string?> Settings(string sqliteConnectionString) => new()
    {
        ["ConnectionStrings:Sqlite"] = sqliteConnectionString,
        ["ConnectionStrings:Postgres"] = "",
        ["ConnectionStrings:RabbitMq"] = "",
        ["ConnectionStrings:Redis"] = "",
        ["Moderation:Storage:SeedDemoData"] = "true",
    };
}
