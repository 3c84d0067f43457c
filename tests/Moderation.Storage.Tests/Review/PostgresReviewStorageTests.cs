using Moderation.Testing;

namespace Moderation.Storage.Tests.Review;

public sealed class PostgresReviewStorageTests : ReviewStorageContract
{
    protected override Task<ScratchDatabase> CreateDatabaseAsync() => ScratchDatabase.CreatePostgresAsync();
}
