using Moderation.Testing;

namespace Moderation.Standalone.Tests.Review.Slices;

public sealed class SqliteQueueSearchTests : QueueSearchContract
{
    protected override Task<ScratchDatabase> CreateDatabaseAsync() => ScratchDatabase.CreateSqliteAsync();
}
