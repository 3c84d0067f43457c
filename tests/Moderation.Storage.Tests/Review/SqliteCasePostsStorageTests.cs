using Moderation.Testing;

namespace Moderation.Storage.Tests.Review;

public sealed class SqliteCasePostsStorageTests : CasePostsStorageContract
{
    protected override Task<ScratchDatabase> CreateDatabaseAsync() => ScratchDatabase.CreateSqliteAsync();
}
