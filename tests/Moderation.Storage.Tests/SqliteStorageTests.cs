using Moderation.Testing;

namespace Moderation.Storage.Tests;

public sealed class SqliteStorageTests : StorageContract
{
    protected override Task<ScratchDatabase> CreateDatabaseAsync() => ScratchDatabase.CreateSqliteAsync();
}
