using Moderation.Testing;

namespace Moderation.Storage.Tests.Incidents;

public sealed class SqliteIncidentStorageTests : IncidentStorageContract
{
    protected override Task<ScratchDatabase> CreateDatabaseAsync() => ScratchDatabase.CreateSqliteAsync();
}
