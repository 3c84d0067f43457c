using Dapper;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moderation.Contracts;
using Moderation.Storage.Boards;
using Moderation.Storage.Incidents;
using Moderation.Storage.Outbox;
using Moderation.Testing;

namespace Moderation.Outbox.Tests;

/// <summary>The feed as forums read it: the messages themselves, in order, settled, and purged rows kept in place.</summary>
public sealed class ForumFeedSpecs : IAsyncLifetime
{
    private static readonly string Queue = ForumOperator.DefaultVerdictQueue(DemoData.OperatorId);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero));
    private ScratchDatabase _scratch = null!;

    public async Task InitializeAsync()
    {
        _scratch = await ScratchDatabase.CreateSqliteAsync();
        await DemoData.SeedAsync(new BoardRepository(_scratch.Database, _time), CancellationToken.None);
    }

    public async Task DisposeAsync() => await _scratch.DisposeAsync();

    private ForumFeed Feed => new(new ForumMessages(_scratch.Database), _time, Options.Create(new ForumFeedOptions { SettleTime = TimeSpan.FromSeconds(3) }));

    [Fact]
    public async Task A_page_holds_the_messages_as_sent_and_a_purged_one_keeps_its_place()
    {
        var first = await WriteAsync("feed-1");
        var purged = await WriteAsync("feed-2");
        await using (var connection = await _scratch.Database.OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync("UPDATE message_outbox SET payload_json = @p WHERE outbox_id = @purged", new { p = IncidentRepository.PurgedPayload, purged });
        }

        var beforeSettling = await Feed.ReadAsync(DemoData.OperatorId, 0, 10, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(5));
        var page = await Feed.ReadAsync(DemoData.OperatorId, 0, 10, CancellationToken.None);

        beforeSettling.Items.Should().BeEmpty();
        beforeSettling.Next.Should().Be(0);
        page.Items.Select(i => i.Cursor).Should().Equal(first, purged);
        page.Items[0].Message.Should().BeOfType<PostVerdict>().Which.PostId.Should().Be("feed-1");
        page.Items[1].Type.Should().Be("PostVerdict");
        page.Items[1].Message.ToString().Should().Contain("erased");
        page.Next.Should().Be(purged);
    }

    private async Task<long> WriteAsync(string postId)
    {
        var message = MessageOutbox.Verdict(Queue, new PostVerdict { BoardId = DemoData.ApprovedBoardId, PostId = postId, DecidedAt = _time.GetUtcNow() });
        await using var connection = await _scratch.Database.OpenAsync(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync();
        var id = await OutboxTable.InsertClaimedAsync(connection, transaction, message, _time.GetUtcNow(), TimeSpan.FromSeconds(30), CancellationToken.None);
        await transaction.CommitAsync();
        return id;
    }
}
