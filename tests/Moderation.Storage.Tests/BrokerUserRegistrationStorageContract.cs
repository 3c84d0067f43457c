using Microsoft.Extensions.Time.Testing;
using Moderation.Storage.Boards;
using Moderation.Testing;

namespace Moderation.Storage.Tests;

/// <summary>
/// Operators' issued broker users (<c>broker_users</c>) and which of them count as the operator when
/// a message's sender is checked, run on each engine by a subclass.
/// </summary>
public abstract class BrokerUserRegistrationStorageContract : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 12, 6, 3, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);
    private ScratchDatabase _scratch = null!;

    protected abstract Task<ScratchDatabase> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        _scratch = await CreateDatabaseAsync();
        foreach (var (id, configured) in new[] { ("op-a", (string?)"op-a-configured"), ("op-b", null) })
        {
            await Boards.SaveOperatorAsync(new ForumOperator { OperatorId = id, Name = id, AmqpUser = configured, VerdictQueue = ForumOperator.DefaultVerdictQueue(id) }, CancellationToken.None);
        }
    }

    public async Task DisposeAsync() => await _scratch.DisposeAsync();

    private BoardRepository Boards => new(_scratch.Database, _time);

    private BrokerUserRepository Users => new(_scratch.Database);

    private async Task<string?> OperatorOfAsync(string user) => (await Boards.FindOperatorByAmqpUserAsync(user, CancellationToken.None))?.OperatorId;

    [Fact]
    public async Task An_issued_user_and_the_configured_user_both_count_as_their_operator()
    {
        await Users.AddAsync("op-a.1", "op-a", Start, CancellationToken.None);

        (await OperatorOfAsync("op-a.1")).Should().Be("op-a");
        (await OperatorOfAsync("op-a-configured")).Should().Be("op-a", "users configured before users were issued keep working");
        (await OperatorOfAsync("op-b.1")).Should().BeNull("no such user was issued");
        var found = await Boards.FindOperatorByAmqpUserAsync("op-a.1", CancellationToken.None);
        found!.VerdictQueue.Should().Be("moderation.verdicts.op-a");
    }

    [Fact]
    public async Task A_rotation_keeps_the_old_user_until_its_end_then_only_the_new_one_counts()
    {
        await Users.AddAsync("op-a.1", "op-a", Start, CancellationToken.None);
        await Users.AddAsync("op-a.2", "op-a", Start.AddMinutes(1), CancellationToken.None);
        await Users.AddAsync("op-b.1", "op-b", Start, CancellationToken.None);
        await Users.ExpireOthersAsync("op-a", "op-a.2", Start.AddMinutes(10), CancellationToken.None);

        _time.SetUtcNow(Start.AddMinutes(9));
        (await OperatorOfAsync("op-a.1")).Should().Be("op-a", "the overlap has not ended");
        (await OperatorOfAsync("op-a.2")).Should().Be("op-a");
        (await Users.ExpiredAsync(_time.GetUtcNow(), 10, CancellationToken.None)).Should().BeEmpty();

        _time.SetUtcNow(Start.AddMinutes(10));
        (await OperatorOfAsync("op-a.1")).Should().BeNull("the overlap has ended");
        (await OperatorOfAsync("op-a.2")).Should().Be("op-a");
        (await OperatorOfAsync("op-b.1")).Should().Be("op-b", "another operator's rotation leaves its users alone");
        var expired = await Users.ExpiredAsync(_time.GetUtcNow(), 10, CancellationToken.None);
        expired.Select(u => u.UserName).Should().Equal("op-a.1");
        expired[0].ExpiresAt.Should().Be(Start.AddMinutes(10));
    }

    [Fact]
    public async Task A_later_rotation_never_extends_an_earlier_end()
    {
        await Users.AddAsync("op-a.1", "op-a", Start, CancellationToken.None);
        await Users.AddAsync("op-a.2", "op-a", Start, CancellationToken.None);
        await Users.ExpireOthersAsync("op-a", "op-a.2", Start.AddMinutes(5), CancellationToken.None);
        await Users.AddAsync("op-a.3", "op-a", Start, CancellationToken.None);
        await Users.ExpireOthersAsync("op-a", "op-a.3", Start.AddHours(1), CancellationToken.None);

        (await Users.FindAsync("op-a.1", CancellationToken.None))!.ExpiresAt.Should().Be(Start.AddMinutes(5));
        (await Users.FindAsync("op-a.2", CancellationToken.None))!.ExpiresAt.Should().Be(Start.AddHours(1));
        (await Users.FindAsync("op-a.3", CancellationToken.None))!.ExpiresAt.Should().BeNull();
    }

    [Fact]
    public async Task A_retired_user_no_longer_counts_and_is_not_swept_again()
    {
        await Users.AddAsync("op-a.1", "op-a", Start, CancellationToken.None);
        await Users.AddAsync("op-a.2", "op-a", Start, CancellationToken.None);
        await Users.ExpireOthersAsync("op-a", "op-a.2", Start, CancellationToken.None);
        await Users.RetireAsync("op-a.1", Start.AddSeconds(1), CancellationToken.None);
        await Users.RetireAsync("op-a.2", Start.AddSeconds(1), CancellationToken.None);

        (await OperatorOfAsync("op-a.2")).Should().BeNull();
        (await Users.ExpiredAsync(Start.AddDays(1), 10, CancellationToken.None)).Should().BeEmpty();
        (await Users.UnretiredAsync("op-a", CancellationToken.None)).Should().BeEmpty();
        (await Users.FindAsync("op-a.1", CancellationToken.None))!.RetiredAt.Should().Be(Start.AddSeconds(1));
    }

    [Fact]
    public async Task Ending_one_user_leaves_the_operators_others_alone()
    {
        await Users.AddAsync("op-a.1", "op-a", Start, CancellationToken.None);
        await Users.AddAsync("op-a.2", "op-a", Start, CancellationToken.None);

        await Users.ExpireAsync("op-a.2", Start, CancellationToken.None);

        (await Users.ExpiredAsync(Start, 10, CancellationToken.None)).Select(u => u.UserName).Should().Equal("op-a.2");
        (await OperatorOfAsync("op-a.1")).Should().Be("op-a");
        (await OperatorOfAsync("op-a.2")).Should().BeNull();
    }

    [Fact]
    public async Task Forgetting_the_configured_user_stops_it_counting()
    {
        await Boards.ForgetConfiguredAmqpUserAsync("op-a", CancellationToken.None);

        (await OperatorOfAsync("op-a-configured")).Should().BeNull();
    }

    [Fact]
    public async Task A_boards_republication_policy_is_saved_and_read_back()
    {
        await Boards.SaveAsync("b-strict", "op-a", "Strict", "Bbs", "110105", BoardStatus.Approved, CancellationToken.None, republicationRequiresConsent: true);
        await Boards.SaveAsync("b-open", "op-a", "Open", "Bbs", "110105", BoardStatus.Approved, CancellationToken.None);

        (await Boards.FindAsync("b-strict", CancellationToken.None))!.RepublicationRequiresConsent.Should().BeTrue();
        (await Boards.FindAsync("b-open", CancellationToken.None))!.RepublicationRequiresConsent.Should().BeFalse();
    }

    [Fact]
    public async Task A_user_for_an_operator_that_does_not_exist_is_refused()
    {
        var add = () => Users.AddAsync("ghost.1", "no-such-operator", Start, CancellationToken.None);

        await add.Should().ThrowAsync<Exception>();
    }
}

public sealed class PostgresBrokerUserRegistrationSpecs : BrokerUserRegistrationStorageContract
{
    protected override Task<ScratchDatabase> CreateDatabaseAsync() => ScratchDatabase.CreatePostgresAsync();
}

public sealed class SqliteBrokerUserRegistrationSpecs : BrokerUserRegistrationStorageContract
{
    protected override Task<ScratchDatabase> CreateDatabaseAsync() => ScratchDatabase.CreateSqliteAsync();
}
