using Moderation.Testing;

namespace Moderation.Storage.Tests;

public sealed class SqliteRuleSetStorageTests : RuleSetStorageContract
{
    protected override Task<ScratchDatabase> CreateDatabaseAsync() => ScratchDatabase.CreateSqliteAsync();
}
