using Dapper;
using Microsoft.Extensions.Time.Testing;
using Moderation.Storage.Fingerprints;
using Moderation.Testing;

namespace Moderation.Storage.Tests;

/// <summary>Protected documents and their hashes, specified once and run against each engine by a subclass.</summary>
public abstract class FingerprintStorageContract : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 8, 30, 15, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);
    private ScratchDatabase _scratch = null!;

    protected abstract Task<ScratchDatabase> CreateDatabaseAsync();

    public async Task InitializeAsync() => _scratch = await CreateDatabaseAsync();

    public async Task DisposeAsync() => await _scratch.DisposeAsync();

    private FingerprintRepository Repository => new(_scratch.Database, _time);

    private static ProtectedDocument Document(string id, int seed = 1, int count = 300) => new()
    {
        DocumentId = id,
        Title = "第三季度协调会纪要",
        DivisionCode = "110105",
        ParametersJson = """{"normalization":"0123456789abcdef","kgram":10,"window":8,"shingle":2,"hash":"h","keyId":"fedcba9876543210"}""",
        // The full 64-bit range, negative values included: hashes are unsigned values stored as bigint.
        SimHash = unchecked((long)0xF00D_CAFE_1234_5678UL),
        Hashes = [.. Enumerable.Range(0, count).Select(i => unchecked((long)((ulong)(i + seed) * 0x9E3779B97F4A7C15UL)))],
        RegisteredBy = "officer-7",
    };

    [Fact]
    public async Task A_document_is_registered_once_with_its_hashes_and_read_back_whole()
    {
        var document = Document("bm-2026-017");

        var outcome = await Repository.RegisterAsync(document, CancellationToken.None);
        var loaded = await Repository.FindAsync("bm-2026-017", CancellationToken.None);

        outcome.Should().Be(RegistrationOutcome.Created);
        loaded.Should().BeEquivalentTo(document with { RegisteredAt = Start }, o => o.Excluding(d => d.Hashes));
        loaded!.Hashes.Should().BeEquivalentTo(document.Hashes).And.BeInAscendingOrder();
        loaded.Hashes.Should().Contain(h => h < 0);
        (await Repository.FindAsync("unknown", CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task Registering_the_same_fingerprint_again_changes_nothing_and_a_different_one_under_the_same_id_is_a_conflict()
    {
        await Repository.RegisterAsync(Document("doc-1"), CancellationToken.None);
        _time.Advance(TimeSpan.FromHours(1));

        var again = await Repository.RegisterAsync(Document("doc-1") with { Title = "another title", RegisteredBy = "officer-9" }, CancellationToken.None);
        var different = await Repository.RegisterAsync(Document("doc-1", seed: 2), CancellationToken.None);

        again.Should().Be(RegistrationOutcome.Unchanged);
        different.Should().Be(RegistrationOutcome.Conflict);
        var stored = (await Repository.FindAsync("doc-1", CancellationToken.None))!;
        stored.RegisteredAt.Should().Be(Start);
        stored.Title.Should().Be("第三季度协调会纪要");
        stored.Hashes.Should().BeEquivalentTo(Document("doc-1").Hashes);
        (await CountAsync("protected_document_hashes")).Should().Be(300);
    }

    [Fact]
    public async Task Concurrent_registrations_of_one_document_store_it_once()
    {
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => Repository.RegisterAsync(Document("raced"), CancellationToken.None))));

        outcomes.Count(o => o == RegistrationOutcome.Created).Should().Be(1);
        outcomes.Should().OnlyContain(o => o == RegistrationOutcome.Created || o == RegistrationOutcome.Unchanged);
        (await CountAsync("protected_documents")).Should().Be(1);
        (await CountAsync("protected_document_hashes")).Should().Be(300);
    }

    [Fact]
    public async Task Loading_all_returns_every_document_with_its_own_hashes_oldest_first()
    {
        await Repository.RegisterAsync(Document("b-second", seed: 1000, count: 50), CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(1));
        await Repository.RegisterAsync(Document("a-third", seed: 2000, count: 40) with { DivisionCode = null, Title = null }, CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(1));
        // Shares hashes with the first: the hash index is not unique.
        await Repository.RegisterAsync(Document("c-fourth", seed: 1000, count: 60), CancellationToken.None);

        var all = await Repository.LoadAllAsync(CancellationToken.None);

        all.Select(d => d.DocumentId).Should().Equal("b-second", "a-third", "c-fourth");
        all.Select(d => d.Hashes.Count).Should().Equal(50, 40, 60);
        all[0].Hashes.Should().BeEquivalentTo(Document("x", seed: 1000, count: 50).Hashes);
        all[1].DivisionCode.Should().BeNull();
        all[1].Title.Should().BeNull();
        (await Repository.CountAsync(CancellationToken.None)).Should().Be(3);
    }

    [Fact]
    public async Task The_listing_has_labels_and_counts_but_no_hashes_newest_first()
    {
        await Repository.RegisterAsync(Document("first", count: 25), CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(5));
        await Repository.RegisterAsync(Document("second", seed: 9, count: 35), CancellationToken.None);

        var list = await Repository.ListAsync(CancellationToken.None);

        list.Should().BeEquivalentTo(
            [
                new ProtectedDocumentSummary { DocumentId = "second", Title = "第三季度协调会纪要", DivisionCode = "110105", RegisteredBy = "officer-7", RegisteredAt = Start.AddMinutes(5), HashCount = 35 },
                new ProtectedDocumentSummary { DocumentId = "first", Title = "第三季度协调会纪要", DivisionCode = "110105", RegisteredBy = "officer-7", RegisteredAt = Start, HashCount = 25 },
            ],
            o => o.WithStrictOrdering());
        (await Repository.FindSummaryAsync("first", CancellationToken.None))!.HashCount.Should().Be(25);
    }

    [Fact]
    public async Task Hashes_are_found_by_value()
    {
        var document = Document("by-hash");
        await Repository.RegisterAsync(document, CancellationToken.None);

        await using var connection = await _scratch.Database.OpenAsync(CancellationToken.None);
        var owners = await connection.QueryAsync<string>("SELECT document_id FROM protected_document_hashes WHERE hash = @hash", new { hash = document.Hashes[17] });

        owners.Should().Equal("by-hash");
    }

    private async Task<long> CountAsync(string table)
    {
        await using var connection = await _scratch.Database.OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}");
    }
}
