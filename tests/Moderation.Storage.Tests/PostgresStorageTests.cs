using Moderation.Testing;

namespace Moderation.Storage.Tests;

public sealed class PostgresStorageTests : StorageContract
{
    protected override Task<ScratchDatabase> CreateDatabaseAsync() => ScratchDatabase.CreatePostgresAsync();
}
