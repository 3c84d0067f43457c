using Moderation.Testing;

namespace Moderation.Storage.Tests;

public sealed class SqliteModelStorageTests : ModelStorageContract
{
    protected override Task<ScratchDatabase> CreateDatabaseAsync() => ScratchDatabase.CreateSqliteAsync();
}
