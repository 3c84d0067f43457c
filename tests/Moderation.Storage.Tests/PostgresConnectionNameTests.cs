using System.Data.Common;
using Dapper;
using Moderation.Storage.Database;
using Moderation.Testing;
using Npgsql;

namespace Moderation.Storage.Tests;

/// <summary>
/// The services' connections carry the host's name (<see cref="ModerationDatabase.Postgres"/>), so
/// an operator reading <c>pg_stat_activity</c> on a busy server sees which service holds which.
/// </summary>
public sealed class PostgresConnectionNameTests
{
    [Fact]
    public async Task A_connection_carries_the_hosts_name_unless_the_connection_string_names_one()
    {
        await using ModerationDatabase named = ModerationDatabase.Postgres(TestServers.Postgres, "Moderation.Scanner");
        (await NameSeenByServer(named)).Should().Be("Moderation.Scanner");

        string own = new NpgsqlConnectionStringBuilder(TestServers.Postgres) { ApplicationName = "site-tool" }.ConnectionString;
        await using ModerationDatabase overridden = ModerationDatabase.Postgres(own, "Moderation.Scanner");
        (await NameSeenByServer(overridden)).Should().Be("site-tool", "an operator's own name in the connection string wins");
    }

    private static async Task<string?> NameSeenByServer(ModerationDatabase database)
    {
        await using DbConnection connection = await database.OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<string>("SELECT application_name FROM pg_stat_activity WHERE pid = pg_backend_pid()");
    }
}
