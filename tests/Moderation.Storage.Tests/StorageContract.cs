using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Extensions.Options;
using Moderation.Storage.Boards;
using Moderation.Storage.Database;
using Moderation.Storage.Migrations;
using Moderation.Storage.Outbox;
using Moderation.Storage.Posts;
using Moderation.Storage.Rejections;
using Moderation.Storage.Scans;
using Moderation.Testing;
using Moderation.Verdicts.Incidents;

namespace Moderation.Storage.Tests;

/// <summary>
/// One suite of repository specifications, run against each engine by a subclass, so the SQL both
/// dialects share is proven on both.
/// </summary>
public abstract class StorageContract : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new DateTimeOffset(2026, 11, 24, 8, 30, 15, TimeSpan.Zero).AddTicks(1230);

    private readonly FakeTimeProvider _time = new(Start);
    private ScratchDatabase _scratch = null!;

    protected abstract Task<ScratchDatabase> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        _scratch = await CreateDatabaseAsync();
        await DemoData.SeedAsync(Boards, CancellationToken.None);
    }

    public async Task DisposeAsync() => await _scratch.DisposeAsync();

    private BoardRepository Boards => new(_scratch.Database, _time);

    private PostRepository Posts => new(_scratch.Database);

    private static IOptions<StorageOptions> Options { get; } = Microsoft.Extensions.Options.Options.Create(new StorageOptions());

    private ScanStore Scans => new(_scratch.Database, Options, time: _time);

    private OutboxTable Outbox => new(_scratch.Database, _time, Options);

    [Fact]
    public async Task Migrations_run_once_and_a_second_run_applies_nothing()
    {
        var again = await new Migrator(_scratch.Database, _time, NullLogger<Migrator>.Instance).MigrateAsync(CancellationToken.None);

        again.Should().BeEmpty();
    }

    [Fact]
    public async Task A_migration_changed_after_it_was_applied_stops_the_start_with_its_name()
    {
        await using (var connection = await _scratch.Database.OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync("UPDATE schema_journal SET checksum = 'edited' WHERE version = 1");
        }

        var migrate = () => new Migrator(_scratch.Database, _time, NullLogger<Migrator>.Instance).MigrateAsync(CancellationToken.None);

        (await migrate.Should().ThrowAsync<MigrationException>()).Which.Message.Should().Contain("0001_initial").And.Contain("changed after it was applied");
    }

    [Fact]
    public async Task A_board_is_found_with_its_operator_and_an_unknown_board_is_not()
    {
        var board = await Boards.FindAsync(DemoData.ApprovedBoardId, CancellationToken.None);
        var unknown = await Boards.FindAsync("no-such-board", CancellationToken.None);

        board.Should().BeEquivalentTo(new Board
        {
            BoardId = DemoData.ApprovedBoardId,
            Name = "Demo board",
            OperatorId = DemoData.OperatorId,
            OperatorAmqpUser = DemoData.OperatorId,
            VerdictQueue = "moderation.verdicts.forum-demo",
            Channel = "Bbs",
            DivisionCode = DemoData.DivisionCode,
            Status = BoardStatus.Approved,
        });
        unknown.Should().BeNull();
    }

    [Fact]
    public async Task Saving_a_board_again_updates_its_status()
    {
        await Boards.SaveAsync(DemoData.ApprovedBoardId, DemoData.OperatorId, "Demo board", "Bbs", DemoData.DivisionCode, BoardStatus.Suspended, CancellationToken.None);

        (await Boards.FindAsync(DemoData.ApprovedBoardId, CancellationToken.None))!.Status.Should().Be(BoardStatus.Suspended);
    }

    [Fact]
    public async Task Accepting_the_same_revision_twice_stores_it_once()
    {
        var post = Post("p-1");

        var first = await Posts.AcceptAsync(post, CancellationToken.None);
        var second = await Posts.AcceptAsync(post with { Body = "changed" }, CancellationToken.None);

        first.Should().BeTrue();
        second.Should().BeFalse();
    }

    [Fact]
    public async Task A_scan_is_saved_once_and_a_redelivery_writes_nothing()
    {
        var scan = Scan(Post("p-2"), "Publish");

        var first = await Scans.SaveAsync(scan, CancellationToken.None);
        var second = await Scans.SaveAsync(scan, CancellationToken.None);

        first.Created.Should().BeTrue();
        first.ScanId.Should().NotBeNull();
        first.VerdictOutboxId.Should().NotBeNull();
        second.Should().Be(ScanSaved.AlreadyScanned);
        (await CountAsync("scans")).Should().Be(1);
        (await CountAsync("message_outbox")).Should().Be(1);
    }

    [Fact]
    public async Task Concurrent_saves_of_one_revision_create_exactly_one_scan()
    {
        var scan = Scan(Post("p-race"), "Hold") with { OpensReviewCase = true };

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Scans.SaveAsync(scan, CancellationToken.None))));

        results.Count(r => r.Created).Should().Be(1);
        (await CountAsync("scans")).Should().Be(1);
        (await CountAsync("review_cases")).Should().Be(1);
        (await CountAsync("message_outbox")).Should().Be(1);
    }

    [Fact]
    public async Task A_batch_saves_each_revision_once_however_often_it_holds_it_and_nothing_again_when_redelivered()
    {
        ScanWrite Named(string postId, string action = "Publish") =>
            Scan(Post(postId), action) with
            {
                OpensReviewCase = action == "Hold",
                Verdict = new OutboundMessage("moderation.verdicts.forum-demo", "PostVerdict", $$"""{"postId":"{{postId}}"}""")
                {
                    Posts = [new PostKey(DemoData.ApprovedBoardId, postId)],
                },
            };
        ScanWrite[] batch = [Named("b-3"), Named("b-1", "Hold"), Named("b-3"), Named("b-2"), Named("b-1", "Hold")];

        var first = await Scans.SaveBatchAsync(batch, CancellationToken.None);
        var again = await Scans.SaveBatchAsync(batch, CancellationToken.None);

        first.Select(r => r.Created).Should().Equal(true, true, false, true, false);
        first.Where(r => r.Created).Select(r => r.VerdictOutboxId).Should().OnlyHaveUniqueItems().And.NotContainNulls();
        first[1].ReviewCaseId.Should().NotBeNull();
        again.Should().OnlyContain(r => r == ScanSaved.AlreadyScanned);
        (await CountAsync("posts")).Should().Be(3);
        (await CountAsync("scans")).Should().Be(3);
        (await CountAsync("review_cases")).Should().Be(1);
        (await CountAsync("message_outbox")).Should().Be(3);
        await using var connection = await _scratch.Database.OpenAsync(CancellationToken.None);
        var rows = await connection.QueryAsync<(long OutboxId, string PayloadJson, string PostId)>(
            "SELECT o.outbox_id, o.payload_json, p.post_id FROM message_outbox o JOIN message_outbox_posts p ON p.outbox_id = o.outbox_id");
        rows.Should().HaveCount(3).And.OnlyContain(r => r.PayloadJson.Contains(r.PostId, StringComparison.Ordinal), "each verdict row names its own post");
        rows.Select(r => r.OutboxId).Should().BeEquivalentTo(first.Where(r => r.Created).Select(r => r.VerdictOutboxId!.Value));
        (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM message_outbox WHERE names_posts")).Should().Be(3);
    }

    [Fact]
    public async Task A_batch_stores_every_column_as_given_with_its_nulls_and_its_times_in_utc()
    {
        var local = new DateTimeOffset(2026, 11, 24, 16, 30, 15, TimeSpan.FromHours(8)).AddTicks(4560);
        var bare = Post("col-bare") with { Title = null, SourceOutlet = null, SourceConsent = null, SubmittedAt = local, ReceivedAt = local.AddSeconds(1) };
        ScanWrite[] batch =
        [
            Scan(Post("col-full", revision: 2), "Hold", score: 0.625) with { ModelVersion = "model-9", ModelProbability = 0.375, TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01" },
            Scan(bare, "Publish") with { ModelVersion = null, ModelProbability = null },
        ];

        await Scans.SaveBatchAsync(batch, CancellationToken.None);

        await using var connection = await _scratch.Database.OpenAsync(CancellationToken.None);
        var posts = (await connection.QueryAsync<(string PostId, int Revision, string? Title, string Body, DateTimeOffset SubmittedAt, DateTimeOffset ReceivedAt, string? SourceOutlet, string? SourceConsent)>(
            "SELECT post_id, revision, title, body, submitted_at, received_at, source_outlet, source_consent FROM posts ORDER BY post_id")).ToList();
        posts.Should().Equal(
            ("col-bare", 0, null, "正文 body", local.TruncateToMicroseconds(), local.AddSeconds(1).TruncateToMicroseconds(), null, null),
            ("col-full", 2, "标题", "正文 body", Start, Start, "example outlet", "consent-7"));
        var scans = (await connection.QueryAsync<(string PostId, string Action, double Score, string? ModelVersion, double? ModelProbability)>(
            "SELECT post_id, action, score, model_version, model_probability FROM scans ORDER BY post_id")).ToList();
        scans.Should().Equal(("col-bare", "Publish", 0.1, null, null), ("col-full", "Hold", 0.625, "model-9", 0.375));
        var outbox = (await connection.QueryAsync<(string? TraceParent, int Attempts, int Sent)>("""
            SELECT o.trace_parent, COALESCE(u.attempts, 0), CASE WHEN u.outbox_id IS NULL THEN 1 ELSE 0 END
              FROM message_outbox o LEFT JOIN message_outbox_unsent u ON u.outbox_id = o.outbox_id
             ORDER BY o.outbox_id
            """)).ToList();
        outbox.Should().BeEquivalentTo([(batch[0].TraceParent, 1, 0), ((string?)null, 1, 0)]);
    }

    [Fact]
    public async Task A_batch_holding_a_write_the_database_refuses_saves_none_of_it()
    {
        ScanWrite[] batch = [Scan(Post("ok-1"), "Publish"), Scan(Post("bad") with { BoardId = "no-such-board" }, "Publish"), Scan(Post("ok-2"), "Publish")];

        var saving = () => Scans.SaveBatchAsync(batch, CancellationToken.None);

        await saving.Should().ThrowAsync<Exception>();
        (await CountAsync("posts")).Should().Be(0);
        (await CountAsync("scans")).Should().Be(0);
        (await CountAsync("message_outbox")).Should().Be(0);
    }

    [Fact]
    public async Task A_held_post_opens_a_review_case()
    {
        var saved = await Scans.SaveAsync(Scan(Post("p-3"), "Hold") with { OpensReviewCase = true }, CancellationToken.None);

        saved.ReviewCaseId.Should().NotBeNull();
        saved.IncidentId.Should().BeNull();
        (await CountAsync("review_cases")).Should().Be(1);
    }

    [Fact]
    public async Task A_case_with_a_higher_score_falls_due_sooner_within_the_sla()
    {
        await Scans.SaveAsync(Scan(Post("p-low"), "Hold", score: 0.5) with { OpensReviewCase = true, Category = "secrecy-marking" }, CancellationToken.None);
        await Scans.SaveAsync(Scan(Post("p-high"), "Remove", score: 1.0) with { OpensReviewCase = true }, CancellationToken.None);

        await using var connection = await _scratch.Database.OpenAsync(CancellationToken.None);
        var cases = (await connection.QueryAsync<(string PostId, string Kind, string? Category, DateTimeOffset OpenedAt, DateTimeOffset DueAt)>(
            "SELECT post_id, kind, category, opened_at, due_at FROM review_cases ORDER BY post_id")).ToList();
        cases.Select(c => (c.PostId, c.Kind, c.Category)).Should().Equal(("p-high", "Remove", null), ("p-low", "Hold", "secrecy-marking"));
        (cases[0].DueAt - cases[0].OpenedAt).Should().Be(TimeSpan.FromHours(2));
        (cases[1].DueAt - cases[1].OpenedAt).Should().Be(TimeSpan.FromHours(4));
    }

    [Fact]
    public async Task A_removed_post_opens_an_incident_with_its_notification_and_keeps_no_secret_text_in_it()
    {
        var incident = new IncidentOpening
        {
            BoardId = DemoData.ApprovedBoardId,
            PostId = "p-4",
            Source = "Scan",
            OpenedBy = "scanner",
            MaskedExcerpt = "机密★10年 ＊＊＊＊",
            RemovalDetail = "Removed by the scan.",
            DetectedAt = _time.GetUtcNow(),
        };

        var saved = await Scans.SaveAsync(Scan(Post("p-4"), "Remove") with { Incident = incident }, CancellationToken.None);

        saved.IncidentId.Should().NotBeNull();
        (await CountAsync("incidents")).Should().Be(1);
        (await CountAsync("notification_outbox")).Should().Be(1);
        await using var connection = await _scratch.Database.OpenAsync(CancellationToken.None);
        (await connection.QuerySingleAsync<string>("SELECT masked_excerpt FROM incidents")).Should().Be(incident.MaskedExcerpt);
    }

    [Fact]
    public async Task The_latest_revision_is_shown_with_its_scan_or_as_pending()
    {
        await Scans.SaveAsync(Scan(Post("p-5", revision: 0), "Publish"), CancellationToken.None);
        await Posts.AcceptAsync(Post("p-5", revision: 1), CancellationToken.None);

        var pending = await Posts.FindLatestAsync(DemoData.ApprovedBoardId, "p-5", CancellationToken.None);
        await Scans.SaveAsync(Scan(Post("p-5", revision: 1), "Hold", score: 0.7), CancellationToken.None);
        var scanned = await Posts.FindLatestAsync(DemoData.ApprovedBoardId, "p-5", CancellationToken.None);

        pending!.Revision.Should().Be(1);
        pending.Scan.Should().BeNull();
        scanned!.Revision.Should().Be(1);
        scanned.Scan!.Action.Should().Be("Hold");
        scanned.Scan.Score.Should().BeApproximately(0.7, 1e-9);
        scanned.Scan.ScannedAt.Should().Be(_time.GetUtcNow().TruncateToMicroseconds());
        (await Posts.FindLatestAsync(DemoData.ApprovedBoardId, "nope", CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task Timestamps_round_trip_in_utc_to_the_microsecond()
    {
        var local = new DateTimeOffset(2026, 11, 24, 16, 30, 15, TimeSpan.FromHours(8)).AddTicks(4560);
        await Posts.AcceptAsync(Post("p-time") with { ReceivedAt = local }, CancellationToken.None);

        var view = await Posts.FindLatestAsync(DemoData.ApprovedBoardId, "p-time", CancellationToken.None);

        view!.ReceivedAt.Should().Be(local.TruncateToMicroseconds());
        view.ReceivedAt.Offset.Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public async Task Unscanned_posts_are_listed_oldest_first_without_scanned_or_withdrawn_ones()
    {
        await Posts.AcceptAsync(Post("u-2") with { ReceivedAt = Start.AddSeconds(2) }, CancellationToken.None);
        await Posts.AcceptAsync(Post("u-1") with { ReceivedAt = Start.AddSeconds(1) }, CancellationToken.None);
        await Posts.AcceptAsync(Post("u-gone"), CancellationToken.None);
        await Posts.WithdrawAsync(DemoData.ApprovedBoardId, "u-gone", Start, CancellationToken.None);
        await Scans.SaveAsync(Scan(Post("u-done"), "Publish"), CancellationToken.None);

        var unscanned = await Posts.FindUnscannedAsync(Start.AddMinutes(1), 10, CancellationToken.None);

        unscanned.Select(p => p.PostId).Should().Equal("u-1", "u-2");
        unscanned[0].Should().BeEquivalentTo(Post("u-1") with { ReceivedAt = Start.AddSeconds(1) }, o => o
            .Using<DateTimeOffset>(c => c.Subject.Should().BeCloseTo(c.Expectation, TimeSpan.FromMilliseconds(1)))
            .WhenTypeIs<DateTimeOffset>());
    }

    [Fact]
    public async Task Withdrawing_marks_every_revision_once()
    {
        await Posts.AcceptAsync(Post("w-1", revision: 0), CancellationToken.None);
        await Posts.AcceptAsync(Post("w-1", revision: 1), CancellationToken.None);

        var first = await Posts.WithdrawAsync(DemoData.ApprovedBoardId, "w-1", Start, CancellationToken.None);
        var again = await Posts.WithdrawAsync(DemoData.ApprovedBoardId, "w-1", Start, CancellationToken.None);

        first.Should().Be(2);
        again.Should().Be(0);
    }

    [Fact]
    public async Task An_outbox_row_is_taken_over_only_after_its_claim_runs_out_and_never_after_it_was_sent()
    {
        var saved = await Scans.SaveAsync(Scan(Post("o-1"), "Publish"), CancellationToken.None);

        var whileClaimed = await Outbox.ClaimAbandonedAsync(10, CancellationToken.None);
        _time.Advance(Options.Value.OutboxClaimDuration + TimeSpan.FromSeconds(1));
        var abandoned = await Outbox.ClaimAbandonedAsync(10, CancellationToken.None);
        var claimedTwice = await Outbox.ClaimAbandonedAsync(10, CancellationToken.None);
        await Outbox.MarkSentAsync(saved.VerdictOutboxId!.Value, CancellationToken.None);
        _time.Advance(Options.Value.OutboxClaimDuration * 2);
        var afterSent = await Outbox.ClaimAbandonedAsync(10, CancellationToken.None);

        whileClaimed.Should().BeEmpty();
        abandoned.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            OutboxId = saved.VerdictOutboxId.Value,
            Destination = "moderation.verdicts.forum-demo",
            MessageType = "PostVerdict",
            PayloadJson = """{"postId":"o-1"}""",
            Attempts = 2,
        });
        claimedTwice.Should().BeEmpty();
        afterSent.Should().BeEmpty();
        (await Outbox.CountUnsentAsync(CancellationToken.None)).Should().Be(0);
    }

    [Fact]
    public async Task Two_relays_claiming_at_once_take_each_abandoned_row_exactly_once()
    {
        // Half as earlier versions wrote them (sent_at null until sent), half as this one does (a claim in message_outbox_unsent).
        const string Abandon = """
            INSERT INTO message_outbox (destination, message_type, payload_json, created_at, claimed_until, attempts)
            VALUES ('moderation.verdicts.forum-demo', 'PostVerdict', @PayloadJson, @Now, @Now, 1)
            """;
        IReadOnlyList<long> written;
        await using (var connection = await _scratch.Database.OpenAsync(CancellationToken.None))
        {
            await using var transaction = await connection.BeginTransactionAsync();
            var now = _time.GetUtcNow();
            await connection.ExecuteAsync(Abandon, Enumerable.Range(0, 500).Select(i => new { PayloadJson = $$"""{"postId":"r-{{i}}"}""", Now = now }), transaction);
            ClaimedRow[] current = [.. Enumerable.Range(500, 500).Select(i => new ClaimedRow(new OutboundMessage("moderation.verdicts.forum-demo", "PostVerdict", $$"""{"postId":"r-{{i}}"}"""), null))];
            await OutboxTable.InsertClaimedManyAsync(connection, transaction, current, now, TimeSpan.Zero, CancellationToken.None);
            await transaction.CommitAsync();
            written = [.. await connection.QueryAsync<long>("SELECT outbox_id FROM message_outbox ORDER BY outbox_id")];
        }

        _time.Advance(TimeSpan.FromSeconds(1));

        // Two processes, each with its own connection pool, claiming small batches as fast as they can.
        // Each waits after its first batch until the other has one too, so neither finishes alone.
        var firstBatches = 0;
        var bothClaimed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var claims = await Task.WhenAll(Task.Run(ClaimUntilEmptyAsync), Task.Run(ClaimUntilEmptyAsync));

        claims.Should().AllSatisfy(c => c.Should().NotBeEmpty());
        claims.SelectMany(c => c).Should().OnlyHaveUniqueItems().And.BeEquivalentTo(written);
        (await Outbox.CountUnsentAsync(CancellationToken.None)).Should().Be(1000);
        await Outbox.MarkSentAsync(written[0], CancellationToken.None);
        await Outbox.MarkSentAsync([written[^1]], CancellationToken.None);
        (await Outbox.CountUnsentAsync(CancellationToken.None)).Should().Be(998, "an earlier version's row and this version's are each marked sent");

        async Task<List<long>> ClaimUntilEmptyAsync()
        {
            await using var database = OpenSecondConnectionPool();
            var relay = new OutboxTable(database, _time, Options);
            var claimed = new List<long>();
            IReadOnlyList<PendingMessage> batch;
            while ((batch = await relay.ClaimAbandonedAsync(3, CancellationToken.None)).Count > 0)
            {
                if (claimed.Count == 0 && Interlocked.Increment(ref firstBatches) == 2)
                {
                    bothClaimed.SetResult();
                }

                claimed.AddRange(batch.Select(r => r.OutboxId));
                await bothClaimed.Task.WaitAsync(TimeSpan.FromSeconds(30));
            }

            return claimed;
        }
    }

    [Fact]
    public async Task A_submission_is_rejected_once_however_often_it_is_delivered()
    {
        var store = new RejectionStore(_scratch.Database, Options);
        var rejection = new RejectionWrite
        {
            DedupeKey = "message-1",
            BoardId = "no-such-board",
            PostId = "p",
            Revision = 0,
            Code = "UnknownBoard",
            Reason = "Board 'no-such-board' is not registered.",
            RejectedAt = Start,
            Notice = new OutboundMessage("moderation.verdicts.forum-demo", "PostRejected", "{}"),
        };

        var first = await store.RecordAsync(rejection, CancellationToken.None);
        var second = await store.RecordAsync(rejection, CancellationToken.None);

        first.Should().NotBeNull();
        second.Should().BeNull();
        (await CountAsync("rejections")).Should().Be(1);
        (await CountAsync("message_outbox")).Should().Be(1);
    }

    private static PostRecord Post(string postId, int revision = 0) => new()
    {
        BoardId = DemoData.ApprovedBoardId,
        PostId = postId,
        Revision = revision,
        Channel = "Bbs",
        AuthorId = "author-1",
        Title = "标题",
        Body = "正文 body",
        SubmittedAt = Start,
        ReceivedAt = Start,
        SourceOutlet = "example outlet",
        SourceConsent = "consent-7",
    };

    private ScanWrite Scan(PostRecord post, string action, double score = 0.1) => new()
    {
        Post = post,
        Action = action,
        Score = score,
        ReasonsJson = "[]",
        RuleSetVersion = "test-1",
        ScannedAt = _time.GetUtcNow(),
        Verdict = new OutboundMessage("moderation.verdicts.forum-demo", "PostVerdict", $$"""{"postId":"{{post.PostId}}"}"""),
    };

    /// <summary>The same database through a pool of its own, as another process would reach it.</summary>
    private ModerationDatabase OpenSecondConnectionPool() => _scratch.Database.Provider == StorageProvider.Postgres
        ? ModerationDatabase.Postgres(_scratch.ConnectionString)
        : ModerationDatabase.Sqlite(_scratch.ConnectionString);

    private async Task<long> CountAsync(string table)
    {
        await using var connection = await _scratch.Database.OpenAsync(CancellationToken.None);
        // Table names come from the tests above, never from input.
        return await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}");
    }
}
