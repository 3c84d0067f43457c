using Moderation.Testing;

namespace Moderation.Storage.Tests;

public sealed class PostgresModelStorageTests : ModelStorageContract
{
    protected override Task<ScratchDatabase> CreateDatabaseAsync() => ScratchDatabase.CreatePostgresAsync();
}
