using Moderation.Testing;

namespace Moderation.Storage.Tests.Review;

public sealed class PostgresCasePostsStorageTests : CasePostsStorageContract
{
    protected override Task<ScratchDatabase> CreateDatabaseAsync() => ScratchDatabase.CreatePostgresAsync();
}
