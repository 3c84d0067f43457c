using Moderation.Testing;

namespace Moderation.Standalone.Tests.Review.Slices;

public sealed class PostgresQueueSearchTests : QueueSearchContract
{
    protected override Task<ScratchDatabase> CreateDatabaseAsync() => ScratchDatabase.CreatePostgresAsync();
}
