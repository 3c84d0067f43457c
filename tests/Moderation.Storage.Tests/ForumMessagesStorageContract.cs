using Dapper;
using Moderation.Storage.Boards;
using Moderation.Storage.Migrations;
using Moderation.Storage.Outbox;
using Moderation.Testing;

namespace Moderation.Storage.Tests;

/// <summary>The outbox read back as each operator's feed and each post's messages, run on each engine by a subclass.</summary>
public abstract class ForumMessagesStorageContract : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);
    private const string OtherOperator = "forum-other";
    private const int FeedMigration = 11;
    private ScratchDatabase _scratch = null!;

    protected abstract Task<ScratchDatabase> CreateDatabaseAsync(bool migrate = true);

    public async Task InitializeAsync()
    {
        _scratch = await CreateDatabaseAsync();
        var boards = new BoardRepository(_scratch.Database, TimeProvider.System);
        await DemoData.SeedAsync(boards, CancellationToken.None);
        await boards.SaveOperatorAsync(new ForumOperator { OperatorId = OtherOperator, Name = "Other", VerdictQueue = ForumOperator.DefaultVerdictQueue(OtherOperator) }, CancellationToken.None);
    }

    public async Task DisposeAsync() => await _scratch.DisposeAsync();

    private ForumMessages Messages => new(_scratch.Database);

    private static string DemoQueue => ForumOperator.DefaultVerdictQueue(DemoData.OperatorId);

    private async Task<long> WriteAsync(string destination, string type, DateTimeOffset at, params PostKey[] posts)
    {
        await using var connection = await _scratch.Database.OpenAsync(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync();
        var message = new OutboundMessage(destination, type, $$"""{"n":"{{at:O}}"}""") { Posts = posts };
        var id = await OutboxTable.InsertClaimedAsync(connection, transaction, message, at, TimeSpan.FromSeconds(30), CancellationToken.None);
        await transaction.CommitAsync();
        return id;
    }

    [Fact]
    public async Task The_feed_gives_an_operator_its_own_messages_after_the_cursor_in_order()
    {
        var first = await WriteAsync(DemoQueue, "PostVerdict", Start, new PostKey("demo-board", "p-1"));
        await WriteAsync(ForumOperator.DefaultVerdictQueue(OtherOperator), "PostVerdict", Start.AddSeconds(1), new PostKey("other-board", "p-9"));
        var second = await WriteAsync(DemoQueue, "TakedownRequested", Start.AddSeconds(2), new PostKey("demo-board", "p-1"), new PostKey("demo-board", "p-2"));
        var third = await WriteAsync(DemoQueue, "PostRejected", Start.AddSeconds(3));

        var all = await Messages.SinceAsync(DemoData.OperatorId, 0, 10, Start.AddMinutes(1), CancellationToken.None);
        var afterFirst = await Messages.SinceAsync(DemoData.OperatorId, first, 10, Start.AddMinutes(1), CancellationToken.None);
        var onePage = await Messages.SinceAsync(DemoData.OperatorId, 0, 1, Start.AddMinutes(1), CancellationToken.None);

        all.Select(m => m.OutboxId).Should().Equal(first, second, third);
        all.Select(m => m.MessageType).Should().Equal("PostVerdict", "TakedownRequested", "PostRejected");
        all[0].CreatedAt.Should().Be(Start);
        afterFirst.Select(m => m.OutboxId).Should().Equal(second, third);
        onePage.Select(m => m.OutboxId).Should().Equal(first);
        (await Messages.SinceAsync(OtherOperator, 0, 10, Start.AddMinutes(1), CancellationToken.None)).Should().ContainSingle();
        (await Messages.SinceAsync("forum-unknown", 0, 10, Start.AddMinutes(1), CancellationToken.None)).Should().BeEmpty();
    }

    [Fact]
    public async Task The_feed_holds_back_messages_written_after_the_settling_point()
    {
        var settled = await WriteAsync(DemoQueue, "PostVerdict", Start, new PostKey("demo-board", "p-1"));
        await WriteAsync(DemoQueue, "PostVerdict", Start.AddSeconds(5), new PostKey("demo-board", "p-2"));

        var page = await Messages.SinceAsync(DemoData.OperatorId, 0, 10, Start.AddSeconds(2), CancellationToken.None);

        page.Select(m => m.OutboxId).Should().Equal(settled);
    }

    [Fact]
    public async Task Messages_written_before_the_feed_existed_are_found_by_their_posts()
    {
        await using var legacy = await CreateDatabaseAsync(migrate: false);
        var scripts = MigrationCatalog.For(legacy.Database.Provider);
        await using var connection = await legacy.Database.OpenAsync(CancellationToken.None);
        foreach (var script in scripts.Where(m => m.Version < FeedMigration))
        {
            await connection.ExecuteAsync(script.Sql);
        }

        const string Insert = "INSERT INTO message_outbox (destination, message_type, payload_json, created_at, attempts) VALUES (@destination, @type, @payload, @at, 0)";
        var at = Start;
        await connection.ExecuteAsync(Insert, new { destination = DemoQueue, type = "PostVerdict", payload = """{"boardId":"demo-board","postId":"p-1","revision":0,"action":"Hold"}""", at });
        await connection.ExecuteAsync(Insert, new { destination = DemoQueue, type = "PostRejected", payload = """{"code":"Malformed","reason":"no board"}""", at });
        await connection.ExecuteAsync(Insert, new { destination = DemoQueue, type = "TakedownRequested", payload = """{"orderId":"o-1","targets":[{"boardId":"demo-board","postId":"p-1"},{"boardId":"demo-board","postId":"p-2"},{"boardId":"demo-board","postId":"p-2"}]}""", at });
        await connection.ExecuteAsync(Insert, new { destination = DemoQueue, type = "PostRejected", payload = """{"boardId":"demo-board","postId":"p\u0000x","code":"Malformed","reason":"not an id"}""", at });
        await connection.ExecuteAsync(scripts.Single(m => m.Version == FeedMigration).Sql);

        var rows = await connection.QueryAsync<(long OutboxId, string BoardId, string PostId)>("SELECT outbox_id, board_id, post_id FROM message_outbox_posts ORDER BY outbox_id, post_id");

        rows.Select(r => $"{r.OutboxId}:{r.PostId}").Should().Equal("1:p-1", "3:p-1", "3:p-2");
    }

    [Fact]
    public async Task A_posts_messages_are_every_message_naming_it_on_that_queue()
    {
        var verdict = await WriteAsync(DemoQueue, "PostVerdict", Start, new PostKey("demo-board", "p-1"));
        await WriteAsync(DemoQueue, "PostVerdict", Start.AddSeconds(1), new PostKey("demo-board", "p-2"));
        var order = await WriteAsync(DemoQueue, "TakedownRequested", Start.AddSeconds(2), new PostKey("demo-board", "p-1"), new PostKey("demo-board", "p-2"));
        await WriteAsync(ForumOperator.DefaultVerdictQueue(OtherOperator), "PostRejected", Start.AddSeconds(3), new PostKey("demo-board", "p-1"));

        var aboutFirst = await Messages.AboutPostAsync(DemoQueue, "demo-board", "p-1", CancellationToken.None);
        var aboutSecond = await Messages.AboutPostAsync(DemoQueue, "demo-board", "p-2", CancellationToken.None);

        aboutFirst.Select(m => m.OutboxId).Should().Equal(verdict, order);
        aboutSecond.Select(m => m.OutboxId).Should().HaveCount(2).And.EndWith(order);
        (await Messages.AboutPostAsync(DemoQueue, "demo-board", "p-3", CancellationToken.None)).Should().BeEmpty();
    }
}

public sealed class PostgresForumMessagesStorageTests : ForumMessagesStorageContract
{
    protected override Task<ScratchDatabase> CreateDatabaseAsync(bool migrate = true) => ScratchDatabase.CreatePostgresAsync(migrate);
}

public sealed class SqliteForumMessagesStorageTests : ForumMessagesStorageContract
{
    protected override Task<ScratchDatabase> CreateDatabaseAsync(bool migrate = true) => ScratchDatabase.CreateSqliteAsync(migrate);
}
