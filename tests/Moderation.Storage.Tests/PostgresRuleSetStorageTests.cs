using Moderation.Testing;

namespace Moderation.Storage.Tests;

public sealed class PostgresRuleSetStorageTests : RuleSetStorageContract
{
    protected override Task<ScratchDatabase> CreateDatabaseAsync() => ScratchDatabase.CreatePostgresAsync();
}
