using System.Data.Common;
using Dapper;
using Moderation.Testing;

namespace Moderation.Storage.Tests.Audit;

public sealed class SqliteAuditStorageTests : AuditStorageContract
{
    protected override Task<ScratchDatabase> CreateDatabaseAsync() => ScratchDatabase.CreateSqliteAsync();

    protected override async Task LiftAppendOnlyGuardAsync(DbConnection connection) =>
        await connection.ExecuteAsync("DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;");
}
