using Moderation.Testing;

namespace Moderation.Standalone.Tests.Review.Slices;

public sealed class PostgresReviewSlicesTests : ReviewSlicesContract
{
    protected override Task<ScratchDatabase> CreateDatabaseAsync() => ScratchDatabase.CreatePostgresAsync();
}
