using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moderation.Api.Review.Listing;
using Moderation.Api.Review.Reasons;
using Moderation.Api.Review.SecondLook;
using Moderation.Storage;
using Moderation.Storage.Audit;
using Moderation.Storage.Boards;
using Moderation.Storage.Outbox;
using Moderation.Storage.Posts;
using Moderation.Storage.Scans;
using Moderation.Testing;

namespace Moderation.Standalone.Tests.Review.Slices;

/// <summary>
/// The queue's search, the record of who opened a case and the canned reasons against the database,
/// run on SQLite and PostgreSQL: the same answers from both.
/// </summary>
public abstract class QueueSearchContract : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero));
    private ScratchDatabase _scratch = null!;

    protected abstract Task<ScratchDatabase> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        _scratch = await CreateDatabaseAsync();
        await DemoData.SeedAsync(new BoardRepository(_scratch.Database, _time), CancellationToken.None);
    }

    public async Task DisposeAsync() => await _scratch.DisposeAsync();

    private ListCasesSql Listing => new(_scratch.Database);

    [Fact]
    public async Task Text_search_ignores_case_and_takes_wildcards_literally()
    {
        var upper = await OpenCaseAsync("s-1", "Quarterly REPORT 机密★10年", "author-a", title: "Notice");
        var percent = await OpenCaseAsync("s-2", "100% 机密★10年", "author-b");
        var underscore = await OpenCaseAsync("s-3", "chess_openings 1000 机密★10年", "author-b");

        (await SearchAsync(new CaseFilter { Text = "quarterly report" })).Should().Equal(upper);
        (await SearchAsync(new CaseFilter { Text = "notice" })).Should().Equal([upper], "the title is searched too");
        (await SearchAsync(new CaseFilter { Text = "100%" })).Should().Equal(percent);
        (await SearchAsync(new CaseFilter { Text = "s_o" })).Should().Equal(underscore);
        (await SearchAsync(new CaseFilter { Text = "机密" })).Should().HaveCount(3);
    }

    [Fact]
    public async Task Post_id_and_author_narrow_the_queue_and_its_count()
    {
        await OpenCaseAsync("a-1", "机密★10年", "author-a");
        var second = await OpenCaseAsync("a-2", "机密★10年 again", "author-b");
        var third = await OpenCaseAsync("a-3", "机密★10年 more", "author-b");

        (await SearchAsync(new CaseFilter { AuthorId = "author-b" })).Should().BeEquivalentTo([second, third]);
        (await SearchAsync(new CaseFilter { PostId = "a-3" })).Should().Equal(third);
        (await SearchAsync(new CaseFilter { PostId = "a-3", AuthorId = "author-a" })).Should().BeEmpty();
        (await Listing.CountAsync(new CaseFilter { AuthorId = "author-b", Text = "more" }, CancellationToken.None)).Should().Be(1);
    }

    [Fact]
    public async Task Opening_a_case_is_remembered_per_moderator_and_opening_again_keeps_one_row()
    {
        var first = await OpenCaseAsync("v-1", "机密★10年", "author-a");
        var second = await OpenCaseAsync("v-2", "机密★10年", "author-a");
        var views = new CaseViews(_scratch.Database, _time);

        await views.RecordAsync(first, "alice", CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(1));
        await views.RecordAsync(first, "alice", CancellationToken.None);
        await views.RecordAsync(second, "bob", CancellationToken.None);

        (await views.OpenedAsync([first, second], "alice", CancellationToken.None)).Should().BeEquivalentTo([first]);
        (await views.OpenedAsync([first, second], "bob", CancellationToken.None)).Should().BeEquivalentTo([second]);
        (await views.OpenedAsync([], "bob", CancellationToken.None)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_boards_canned_reasons_are_replaced_whole_and_read_back_in_order()
    {
        var reasons = new CannedReasons(_scratch.Database, new AuditLog(_scratch.Database, _time), _time);

        await reasons.ReplaceAsync(DemoData.ApprovedBoardId, ["b first", "a second", "c third"], "adm", CancellationToken.None);
        await reasons.ReplaceAsync(DemoData.ApprovedBoardId, ["z only", "a second"], "adm", CancellationToken.None);
        var read = await reasons.ForBoardsAsync([DemoData.ApprovedBoardId, "no-reasons-board"], CancellationToken.None);

        read.Keys.Should().Equal(DemoData.ApprovedBoardId);
        read[DemoData.ApprovedBoardId].Should().Equal("z only", "a second");
    }

    private async Task<long[]> SearchAsync(CaseFilter filter) =>
        [.. (await Listing.ListAsync(filter, CancellationToken.None)).Cases.Select(c => c.CaseId)];

    private async Task<long> OpenCaseAsync(string postId, string body, string author, string? title = null)
    {
        var now = _time.GetUtcNow();
        var saved = await new ScanStore(_scratch.Database, Options.Create(new StorageOptions()), time: _time).SaveAsync(new ScanWrite
        {
            Post = new PostRecord
            {
                BoardId = DemoData.ApprovedBoardId,
                PostId = postId,
                Revision = 0,
                Channel = "Bbs",
                AuthorId = author,
                Title = title,
                Body = body,
                SubmittedAt = now,
                ReceivedAt = now,
            },
            Action = "Hold",
            Score = 0.7,
            ReasonsJson = "[]",
            RuleSetVersion = "test-1",
            ScannedAt = now,
            OpensReviewCase = true,
            Category = "secrecy-marking",
            Verdict = new OutboundMessage("moderation.verdicts.forum-demo", "PostVerdict", """{"stage":"scan"}"""),
        }, CancellationToken.None);
        return saved.ReviewCaseId!.Value;
    }
}
