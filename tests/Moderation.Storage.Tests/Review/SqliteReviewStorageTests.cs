using Moderation.Testing;

namespace Moderation.Storage.Tests.Review;

public sealed class SqliteReviewStorageTests : ReviewStorageContract
{
    protected override Task<ScratchDatabase> CreateDatabaseAsync() => ScratchDatabase.CreateSqliteAsync();
}
