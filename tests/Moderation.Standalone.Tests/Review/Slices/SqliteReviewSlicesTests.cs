using Moderation.Testing;

namespace Moderation.Standalone.Tests.Review.Slices;

public sealed class SqliteReviewSlicesTests : ReviewSlicesContract
{
    protected override Task<ScratchDatabase> CreateDatabaseAsync() => ScratchDatabase.CreateSqliteAsync();
}
