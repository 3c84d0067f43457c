using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Moderation.Storage.Database;

/// <summary>
/// Which database a configuration points at, as a short digest. Data kept beside the database (Redis
/// keys of the fingerprint mirror and of case leases) is named by it, so two deployments (or test
/// runs) sharing a Redis never see each other's entries.
/// </summary>
public static class DatabaseIdentity
{
    /// <summary>12 hex digits of the database's host, port and name (PostgreSQL) or full file path (SQLite).</summary>
    public static string Digest(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var postgres = configuration.GetConnectionString("Postgres");
        string database;
        if (!string.IsNullOrWhiteSpace(postgres))
        {
            var builder = new NpgsqlConnectionStringBuilder(postgres);
            database = $"postgres://{builder.Host}:{builder.Port}/{builder.Database}";
        }
        else
        {
            database = "sqlite:" + Path.GetFullPath(new SqliteConnectionStringBuilder(
                configuration.GetConnectionString("Sqlite") ?? StorageRegistration.DefaultSqliteConnectionString).DataSource);
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(database)).AsSpan(0, 6));
    }
}
