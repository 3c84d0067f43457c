using Moderation.Storage.Accounts;
using Moderation.Testing;

namespace Moderation.Storage.Tests;

/// <summary>Failed sign-ins per (user name, client address), run on each engine by a subclass.</summary>
public abstract class SignInAttemptStorageContract : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 12, 5, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan ForgetAfter = TimeSpan.FromMinutes(30);
    private ScratchDatabase _scratch = null!;

    protected abstract Task<ScratchDatabase> CreateDatabaseAsync();

    public async Task InitializeAsync() => _scratch = await CreateDatabaseAsync();

    public async Task DisposeAsync() => await _scratch.DisposeAsync();

    private SignInAttemptRepository Attempts => new(_scratch.Database);

    // Free twice, then a minute per failure beyond.
    private static TimeSpan? BlockFor(int failures) => failures > 2 ? TimeSpan.FromMinutes(failures - 2) : null;

    private Task<(int Failures, DateTimeOffset? BlockedUntil)> FailAsync(string user, string source, DateTimeOffset at) =>
        Attempts.RecordFailureAsync(user, source, at, ForgetAfter, BlockFor, CancellationToken.None);

    [Fact]
    public async Task Failures_of_a_name_from_an_address_count_up_and_block_that_pair_alone()
    {
        (await FailAsync("mod-a", "198.51.100.7", Start)).Should().Be((1, (DateTimeOffset?)null));
        (await FailAsync("mod-a", "198.51.100.7", Start.AddSeconds(1))).Should().Be((2, (DateTimeOffset?)null));
        var third = await FailAsync("mod-a", "198.51.100.7", Start.AddSeconds(2));

        third.Failures.Should().Be(3);
        third.BlockedUntil.Should().Be(Start.AddSeconds(2).AddMinutes(1));
        (await Attempts.BlockedUntilAsync("mod-a", "198.51.100.7", Start.AddSeconds(30), CancellationToken.None))
            .Should().Be(Start.AddSeconds(2).AddMinutes(1));
        (await Attempts.BlockedUntilAsync("mod-a", "198.51.100.7", Start.AddMinutes(2), CancellationToken.None)).Should().BeNull("the wait is over");
        (await Attempts.BlockedUntilAsync("mod-a", "203.0.113.20", Start.AddSeconds(30), CancellationToken.None)).Should().BeNull("another address");
        (await Attempts.BlockedUntilAsync("mod-b", "198.51.100.7", Start.AddSeconds(30), CancellationToken.None)).Should().BeNull("another name");
    }

    [Fact]
    public async Task A_success_clears_the_count_and_a_long_quiet_starts_it_again()
    {
        await FailAsync("mod-a", "198.51.100.7", Start);
        await FailAsync("mod-a", "198.51.100.7", Start.AddSeconds(1));
        await Attempts.ClearAsync("mod-a", "198.51.100.7", CancellationToken.None);
        (await FailAsync("mod-a", "198.51.100.7", Start.AddSeconds(2))).Failures.Should().Be(1);

        await FailAsync("mod-a", "198.51.100.7", Start.AddSeconds(3));
        (await FailAsync("mod-a", "198.51.100.7", Start.AddSeconds(3) + ForgetAfter + TimeSpan.FromSeconds(1))).Failures.Should().Be(1);
    }

    [Fact]
    public async Task Old_pairs_are_forgotten_but_not_one_still_blocked()
    {
        await FailAsync("old", "192.0.2.1", Start);
        for (var i = 0; i < 5; i++)
        {
            await FailAsync("blocked", "192.0.2.2", Start);
        }

        (await Attempts.ForgetAsync(Start.AddMinutes(2), CancellationToken.None)).Should().Be(1, "the blocked pair waits until past its block");
        (await FailAsync("old", "192.0.2.1", Start.AddMinutes(3))).Failures.Should().Be(1);
        (await Attempts.BlockedUntilAsync("blocked", "192.0.2.2", Start.AddMinutes(2), CancellationToken.None)).Should().Be(Start.AddMinutes(3));
    }
}

public sealed class PostgresSignInAttemptStorageTests : SignInAttemptStorageContract
{
    protected override Task<ScratchDatabase> CreateDatabaseAsync() => ScratchDatabase.CreatePostgresAsync();
}

public sealed class SqliteSignInAttemptStorageTests : SignInAttemptStorageContract
{
    protected override Task<ScratchDatabase> CreateDatabaseAsync() => ScratchDatabase.CreateSqliteAsync();
}
