using Moderation.Testing;

namespace Moderation.Storage.Tests.Incidents;

public sealed class PostgresIncidentStorageTests : IncidentStorageContract
{
    protected override Task<ScratchDatabase> CreateDatabaseAsync() => ScratchDatabase.CreatePostgresAsync();
}
