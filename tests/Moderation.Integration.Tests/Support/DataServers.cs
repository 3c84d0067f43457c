using Moderation.Testing;

namespace Moderation.Integration.Tests.Support;

/// <summary>The PostgreSQL and Redis a pipeline runs on.</summary>
/// <param name="Postgres">An administrator's connection string to the server (the test creates its database there).</param>
/// <param name="Redis">The Redis connection string.</param>
/// <param name="Tablespace">The tablespace the test's database lives in; null for the server's default.</param>
public sealed record DataServers(string Postgres, string Redis, string? Tablespace = null)
{
    /// <summary>The servers tests/run.sh started for the whole suite.</summary>
    public static DataServers Suite => new(TestServers.Postgres, TestServers.Redis);
}
