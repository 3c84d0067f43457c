using Microsoft.Extensions.Time.Testing;
using Moderation.Storage.Rules;
using Moderation.Testing;

namespace Moderation.Storage.Tests;

/// <summary>Rule set storage specifications, run on each engine by a subclass.</summary>
public abstract class RuleSetStorageContract : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));
    private ScratchDatabase _scratch = null!;

    protected abstract Task<ScratchDatabase> CreateDatabaseAsync();

    public async Task InitializeAsync() => _scratch = await CreateDatabaseAsync();

    public async Task DisposeAsync() => await _scratch.DisposeAsync();

    private RuleSetRepository RuleSets => new(_scratch.Database, _time);

    [Fact]
    public async Task A_version_is_imported_once_and_a_changed_source_under_the_same_version_is_refused()
    {
        var first = await RuleSets.ImportAsync("v1", """{"version":"v1"}""", 3, "admin", CancellationToken.None);
        var same = await RuleSets.ImportAsync("v1", """{"version":"v1"}""", 3, "admin", CancellationToken.None);
        var changed = await RuleSets.ImportAsync("v1", """{"version":"v1","rules":[]}""", 0, "admin", CancellationToken.None);

        first.Should().Be(ImportOutcome.Created);
        same.Should().Be(ImportOutcome.Unchanged);
        changed.Should().Be(ImportOutcome.VersionConflict);
        (await RuleSets.FindAsync("v1", CancellationToken.None))!.SourceJson.Should().Be("""{"version":"v1"}""");
    }

    [Fact]
    public async Task Activating_a_version_retires_the_previous_one_and_keeps_who_and_when()
    {
        await RuleSets.ImportAsync("v1", "{}", 1, "admin", CancellationToken.None);
        await RuleSets.ImportAsync("v2", "{ }", 1, "admin", CancellationToken.None);

        (await RuleSets.FindActiveAsync(CancellationToken.None)).Should().BeNull();
        (await RuleSets.ActivateAsync("v1", "officer-1", CancellationToken.None)).Should().BeTrue();
        _time.Advance(TimeSpan.FromMinutes(5));
        (await RuleSets.ActivateAsync("v2", "officer-2", CancellationToken.None)).Should().BeTrue();

        var active = await RuleSets.FindActiveAsync(CancellationToken.None);
        active!.Version.Should().Be("v2");
        active.ActivatedBy.Should().Be("officer-2");
        active.ActivatedAt.Should().Be(_time.GetUtcNow());
        (await RuleSets.FindAsync("v1", CancellationToken.None))!.Status.Should().Be("Retired");
        (await RuleSets.ListAsync(CancellationToken.None)).Select(r => (r.Version, r.Status)).Should().BeEquivalentTo([("v1", "Retired"), ("v2", "Active")]);
    }

    [Fact]
    public async Task Activating_the_active_version_again_changes_nothing_and_an_unknown_version_is_refused()
    {
        await RuleSets.ImportAsync("v1", "{}", 1, "admin", CancellationToken.None);
        await RuleSets.ActivateAsync("v1", "officer-1", CancellationToken.None);

        (await RuleSets.ActivateAsync("v1", "officer-1", CancellationToken.None)).Should().BeTrue();
        (await RuleSets.ActivateAsync("v9", "officer-1", CancellationToken.None)).Should().BeFalse();
        (await RuleSets.FindActiveAsync(CancellationToken.None))!.Version.Should().Be("v1");
    }
}
