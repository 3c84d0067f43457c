using Moderation.Testing;

namespace Moderation.Storage.Tests;

public sealed class SqliteFingerprintStorageTests : FingerprintStorageContract
{
    protected override Task<ScratchDatabase> CreateDatabaseAsync() => ScratchDatabase.CreateSqliteAsync();
}
