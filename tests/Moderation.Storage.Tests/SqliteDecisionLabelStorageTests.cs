using Moderation.Testing;

namespace Moderation.Storage.Tests;

public sealed class SqliteDecisionLabelStorageTests : DecisionLabelStorageContract
{
    protected override Task<ScratchDatabase> CreateDatabaseAsync() => ScratchDatabase.CreateSqliteAsync();
}
