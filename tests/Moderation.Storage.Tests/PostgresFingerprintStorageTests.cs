using Moderation.Testing;

namespace Moderation.Storage.Tests;

public sealed class PostgresFingerprintStorageTests : FingerprintStorageContract
{
    protected override Task<ScratchDatabase> CreateDatabaseAsync() => ScratchDatabase.CreatePostgresAsync();
}
