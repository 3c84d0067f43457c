using Moderation.Testing;

namespace Moderation.Storage.Tests;

public sealed class PostgresDecisionLabelStorageTests : DecisionLabelStorageContract
{
    protected override Task<ScratchDatabase> CreateDatabaseAsync() => ScratchDatabase.CreatePostgresAsync();
}
