using Microsoft.Extensions.Time.Testing;
using Moderation.Storage.Models;
using Moderation.Storage.Rules;
using Moderation.Testing;

namespace Moderation.Storage.Tests;

/// <summary>Model registry specifications, run on each engine by a subclass.</summary>
public abstract class ModelStorageContract : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));
    private ScratchDatabase _scratch = null!;

    protected abstract Task<ScratchDatabase> CreateDatabaseAsync();

    public async Task InitializeAsync() => _scratch = await CreateDatabaseAsync();

    public async Task DisposeAsync() => await _scratch.DisposeAsync();

    private ModelRepository Models => new(_scratch.Database, _time);

    private static ModelRegistration Registration(string version) =>
        new(version, "ngram64/char1-2", "data-" + version, 3995, $$"""{"version":"{{version}}"}""", 0.995, 0.905, 0.001);

    private Task<ImportOutcome> ImportAsync(string version, byte[]? content = null) =>
        Models.ImportAsync(Registration(version), content ?? [1, 2, 3, (byte)version.Length], "admin", CancellationToken.None);

    [Fact]
    public async Task A_model_file_is_stored_with_its_figures_and_comes_back_byte_for_byte()
    {
        byte[] content = [.. Enumerable.Range(0, 70_000).Select(i => (byte)(i * 7))];

        (await ImportAsync("m1", content)).Should().Be(ImportOutcome.Created);

        (await Models.ContentAsync("m1", CancellationToken.None)).Should().Equal(content);
        var stored = (await Models.FindAsync("m1", CancellationToken.None))!;
        stored.Status.Should().Be("Imported");
        stored.SizeBytes.Should().Be(content.Length);
        stored.Sha256.Should().Be(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content)));
        stored.RocAuc.Should().Be(0.995);
        stored.RecallAtHold.Should().Be(0.905);
        stored.TrainingExamples.Should().Be(3995);
        stored.ImportedBy.Should().Be("admin");
        stored.ImportedAt.Should().Be(_time.GetUtcNow());
    }

    [Fact]
    public async Task A_version_is_imported_once_and_another_file_under_it_is_refused()
    {
        await ImportAsync("m1", [1, 2, 3]);

        (await ImportAsync("m1", [1, 2, 3])).Should().Be(ImportOutcome.Unchanged);
        (await ImportAsync("m1", [9, 9, 9])).Should().Be(ImportOutcome.VersionConflict);
        (await Models.ContentAsync("m1", CancellationToken.None)).Should().Equal(1, 2, 3);
    }

    [Fact]
    public async Task Activating_retires_the_previous_model_and_keeps_who_and_when()
    {
        await ImportAsync("m1");
        await ImportAsync("m2");
        (await Models.ActiveVersionAsync(CancellationToken.None)).Should().BeNull("no model activated: the default applies");

        (await Models.ActivateAsync("m1", "alice", CancellationToken.None)).Should().Be(ModelChange.Done);
        _time.Advance(TimeSpan.FromMinutes(5));
        (await Models.ActivateAsync("m2", "bob", CancellationToken.None)).Should().Be(ModelChange.Done);

        (await Models.ActiveVersionAsync(CancellationToken.None)).Should().Be("m2");
        var list = await Models.ListAsync(CancellationToken.None);
        list.Single(m => m.Version == "m1").Status.Should().Be("Retired");
        var active = list.Single(m => m.Version == "m2");
        active.Status.Should().Be("Active");
        active.ActivatedBy.Should().Be("bob");
        active.ActivatedAt.Should().Be(_time.GetUtcNow());
        (await Models.ActivateAsync("nope", "bob", CancellationToken.None)).Should().Be(ModelChange.NotFound);
        (await Models.ActiveVersionAsync(CancellationToken.None)).Should().Be("m2");
    }

    [Fact]
    public async Task Rollbacks_walk_back_through_the_activations_in_order()
    {
        foreach (var version in new[] { "m1", "m2", "m3" })
        {
            await ImportAsync(version);
            await Models.ActivateAsync(version, "alice", CancellationToken.None);
        }

        (await Models.RollBackAsync("bob", CancellationToken.None)).Should().Be((ModelChange.Done, "m2"));
        (await Models.ActiveVersionAsync(CancellationToken.None)).Should().Be("m2");
        (await Models.RollBackAsync("bob", CancellationToken.None)).Should().Be((ModelChange.Done, "m1"));
        (await Models.RollBackAsync("bob", CancellationToken.None)).Should().Be((ModelChange.NothingToRollBackTo, "m1"));
        (await Models.ActiveVersionAsync(CancellationToken.None)).Should().Be("m1");
        (await Models.FindAsync("m1", CancellationToken.None))!.ActivatedBy.Should().Be("bob");
    }

    [Fact]
    public async Task Without_any_activation_there_is_nothing_to_roll_back_to()
    {
        await ImportAsync("m1");

        (await Models.RollBackAsync("bob", CancellationToken.None)).Should().Be((ModelChange.NothingToRollBackTo, (string?)null));
    }
}
