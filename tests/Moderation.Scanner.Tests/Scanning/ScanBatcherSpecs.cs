using Microsoft.Extensions.DependencyInjection;
using Moderation.Contracts;
using Moderation.Outbox;
using Moderation.Scanner.Scanning;
using Moderation.Storage.Boards;
using Moderation.Storage.Outbox;
using Moderation.Storage.Posts;
using Moderation.Storage.Scans;

namespace Moderation.Scanner.Tests.Scanning;

/// <summary>
/// The scanner's group commit on PostgreSQL: the scans handed in at once are saved together, a
/// revision handed in again (a redelivered batch) has one effect, and a write the database refuses
/// fails alone while the writes batched with it are saved and their verdicts sent.
/// </summary>
public sealed class ScanBatcherSpecs : IAsyncLifetime
{
    private const string VerdictQueue = "moderation.verdicts.forum-demo";

    private readonly ScannerHarness _scanner = new(onPostgres: true);

    public Task InitializeAsync() => _scanner.InitializeAsync();

    public Task DisposeAsync() => _scanner.DisposeAsync();

    private ScanBatcher Batcher => _scanner.Services.GetRequiredService<ScanBatcher>();

    [Fact]
    public async Task A_batch_handed_in_twice_saves_and_sends_each_post_once()
    {
        var writes = Enumerable.Range(0, 40).Select(i => Write($"again-{i}", hold: i % 10 == 0)).ToList();

        var first = await Task.WhenAll(writes.Concat(writes).Select(w => Batcher.SaveAndSendAsync(w, CancellationToken.None)));
        var redelivered = await Task.WhenAll(writes.Select(w => Batcher.SaveAndSendAsync(w, CancellationToken.None)));

        first.Count(r => r.Created).Should().Be(40, "each revision is saved once, whichever of its copies came first");
        redelivered.Should().OnlyContain(r => !r.Created);
        for (var i = 0; i < 40; i++)
        {
            (await _scanner.CountAsync("scans", $"again-{i}")).Should().Be(1);
            (await _scanner.CountAsync("review_cases", $"again-{i}")).Should().Be(i % 10 == 0 ? 1 : 0);
            _scanner.Verdicts($"again-{i}").Should().ContainSingle();
        }

        (await _scanner.QuerySingleAsync<long>(OutboxTable.CountUnsentSql, new { })).Should().Be(0, "every verdict was sent after commit and marked");
    }

    [Fact]
    public async Task A_write_the_database_refuses_fails_alone_and_the_writes_batched_with_it_get_their_verdicts()
    {
        var writes = Enumerable.Range(0, 30).Select(i => Write($"neighbour-{i}")).ToList();
        // No such board: the posts table's foreign key refuses it, as it would any write the database cannot take.
        writes.Insert(15, Write("poison", boardId: "no-such-board"));

        var saving = writes.Select(w => Batcher.SaveAndSendAsync(w, CancellationToken.None)).ToList();
        var outcome = await Task.WhenAll(saving.Select(async t =>
        {
            try
            {
                return (await t).Created;
            }
            catch (Exception)
            {
                return (bool?)null;
            }
        }));

        outcome[15].Should().BeNull("the refused write fails, so its own message is retried and dead-lettered");
        outcome.Where((_, i) => i != 15).Should().OnlyContain(created => created == true);
        for (var i = 0; i < 30; i++)
        {
            _scanner.Verdicts($"neighbour-{i}").Should().ContainSingle();
            (await _scanner.CountAsync("scans", $"neighbour-{i}")).Should().Be(1);
        }

        (await _scanner.CountAsync("posts", "poison")).Should().Be(0);
    }

    private static ScanWrite Write(string postId, bool hold = false, string boardId = DemoData.ApprovedBoardId)
    {
        var now = DateTimeOffset.UtcNow;
        var verdict = new PostVerdict
        {
            BoardId = boardId,
            PostId = postId,
            Action = hold ? VerdictAction.Hold : VerdictAction.Publish,
            Stage = VerdictStage.Scan,
            Score = hold ? 0.7 : 0.05,
            DecidedAt = now,
        };
        return new ScanWrite
        {
            Post = new PostRecord
            {
                BoardId = boardId,
                PostId = postId,
                Channel = "Bbs",
                AuthorId = "author-1",
                Body = "今天下午三点开会。",
                SubmittedAt = now,
                ReceivedAt = now,
            },
            Action = verdict.Action.ToString(),
            Score = verdict.Score,
            ReasonsJson = "[]",
            RuleSetVersion = "test-1",
            ScannedAt = now,
            OpensReviewCase = hold,
            Verdict = MessageOutbox.Verdict(VerdictQueue, verdict),
        };
    }
}
