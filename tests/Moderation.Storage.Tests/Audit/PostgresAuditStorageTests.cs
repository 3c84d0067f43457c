using System.Data.Common;
using Dapper;
using Moderation.Testing;

namespace Moderation.Storage.Tests.Audit;

public sealed class PostgresAuditStorageTests : AuditStorageContract
{
    protected override Task<ScratchDatabase> CreateDatabaseAsync() => ScratchDatabase.CreatePostgresAsync();

    protected override async Task LiftAppendOnlyGuardAsync(DbConnection connection) =>
        await connection.ExecuteAsync("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update");
}
