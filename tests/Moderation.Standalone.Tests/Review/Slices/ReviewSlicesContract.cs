using Dapper;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moderation.Api.Review.Cases;
using Moderation.Api.Review.Decide;
using Moderation.Api.Review.Listing;
using Moderation.Api.Review.Statistics;
using Moderation.Storage;
using Moderation.Storage.Audit;
using Moderation.Storage.Boards;
using Moderation.Storage.Database;
using Moderation.Storage.Outbox;
using Moderation.Storage.Posts;
using Moderation.Storage.Scans;
using Moderation.Testing;
using Moderation.Verdicts.Incidents;

namespace Moderation.Standalone.Tests.Review.Slices;

/// <summary>The review slices' specifications against the database, run on SQLite and PostgreSQL.</summary>
public abstract class ReviewSlicesContract : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    private readonly FakeTimeProvider _time = new(Start);
    private ScratchDatabase _scratch = null!;

    protected abstract Task<ScratchDatabase> CreateDatabaseAsync();

    protected ScratchDatabase Scratch => _scratch;

    protected FakeTimeProvider Time => _time;

    public async Task InitializeAsync()
    {
        _scratch = await CreateDatabaseAsync();
        var boards = new BoardRepository(_scratch.Database, _time);
        await DemoData.SeedAsync(boards, CancellationToken.None);
        await boards.SaveAsync("other-board", DemoData.OperatorId, "Other board", "Bbs", "440300", BoardStatus.Approved, CancellationToken.None);
    }

    public async Task DisposeAsync() => await _scratch.DisposeAsync();

    private static IOptions<StorageOptions> StorageOptions { get; } = Options.Create(new StorageOptions());

    protected ReviewSlices Store => new(_scratch.Database, Audit, _time, StorageOptions);

    protected AuditLog Audit => new(_scratch.Database, _time);

    private ScanStore Scans => new(_scratch.Database, StorageOptions);

    [Fact]
    public async Task Claimed_case_cannot_be_decided_by_another_moderator()
    {
        var caseId = await OpenCaseAsync("p-1");
        var claim = await Store.ClaimAsync(caseId, "alice", Lease, CancellationToken.None);

        var theirs = await Store.ClaimAsync(caseId, "bob", Lease, CancellationToken.None);
        var decided = await Store.DecideAsync(Request(caseId, claim.Version, "bob", ReviewDecisionKind.Release), CancellationToken.None);

        claim.Claimed.Should().BeTrue();
        theirs.Claimed.Should().BeFalse();
        theirs.HeldBy.Should().Be("alice");
        theirs.Refusal.Should().Contain("claimed by alice");
        decided.Outcome.Should().Be(DecisionOutcome.Refused);
        decided.Refusal.Should().Contain("only the holder of the claim decides it");
        (await CountAsync("review_decisions")).Should().Be(0);
    }

    [Fact]
    public async Task A_stale_claim_cannot_decide_after_its_lease_ran_out_and_another_moderator_claimed()
    {
        var caseId = await OpenCaseAsync("p-2");
        var alice = await Store.ClaimAsync(caseId, "alice", Lease, CancellationToken.None);
        _time.Advance(Lease + TimeSpan.FromSeconds(1));
        var bob = await Store.ClaimAsync(caseId, "bob", Lease, CancellationToken.None);

        var late = await Store.DecideAsync(Request(caseId, alice.Version, "alice", ReviewDecisionKind.Release), CancellationToken.None);
        var current = await Store.DecideAsync(Request(caseId, bob.Version, "bob", ReviewDecisionKind.Escalate), CancellationToken.None);

        bob.Claimed.Should().BeTrue();
        bob.Version.Should().BeGreaterThan(alice.Version);
        late.Outcome.Should().Be(DecisionOutcome.Refused);
        current.Outcome.Should().Be(DecisionOutcome.Decided);
        (await Store.FindAsync(caseId, CancellationToken.None))!.Case.Status.Should().Be(ReviewCaseStatus.Escalated);
    }

    [Fact]
    public async Task A_renewed_claim_refuses_the_token_of_the_claim_it_replaced()
    {
        var caseId = await OpenCaseAsync("p-3");
        var first = await Store.ClaimAsync(caseId, "alice", Lease, CancellationToken.None);
        var renewed = await Store.ClaimAsync(caseId, "alice", Lease, CancellationToken.None);

        var stale = await Store.DecideAsync(Request(caseId, first.Version, "alice", ReviewDecisionKind.Release), CancellationToken.None);

        renewed.Claimed.Should().BeTrue();
        stale.Outcome.Should().Be(DecisionOutcome.Refused);
        stale.Refusal.Should().Contain("stale");
    }

    [Fact]
    public async Task An_expired_claim_returns_the_case_to_the_queue_and_the_audit_log_says_so()
    {
        var caseId = await OpenCaseAsync("p-4");
        await Store.ClaimAsync(caseId, "alice", Lease, CancellationToken.None);

        var early = await Store.ExpireClaimsAsync(CancellationToken.None);
        _time.Advance(Lease);
        var expired = await Store.ExpireClaimsAsync(CancellationToken.None);

        early.Should().BeEmpty();
        expired.Should().Equal(caseId);
        var summary = (await Store.FindAsync(caseId, CancellationToken.None))!.Case;
        summary.ClaimedBy.Should().BeNull();
        (await Audit.ListAsync(null, 10, $"case:{caseId}", CancellationToken.None)).Select(r => r.Action).Should().Equal("case.claim-expired", "case.claimed");
        (await Store.ClaimAsync(caseId, "bob", Lease, CancellationToken.None)).Claimed.Should().BeTrue();
    }

    [Fact]
    public async Task The_same_decision_request_twice_has_one_effect()
    {
        var caseId = await OpenCaseAsync("p-5");
        var claim = await Store.ClaimAsync(caseId, "alice", Lease, CancellationToken.None);
        var request = Request(caseId, claim.Version, "alice", ReviewDecisionKind.Release);

        var first = await Store.DecideAsync(request, CancellationToken.None);
        var second = await Store.DecideAsync(request, CancellationToken.None);

        first.Outcome.Should().Be(DecisionOutcome.Decided);
        second.Outcome.Should().Be(DecisionOutcome.Replayed);
        second.Decision!.DecisionId.Should().Be(first.Decision!.DecisionId);
        (await CountAsync("review_decisions")).Should().Be(1);
        (await ScalarAsync<long>("""SELECT COUNT(*) FROM message_outbox WHERE message_type = 'PostVerdict' AND payload_json LIKE '%"stage":"Review"%'""")).Should().Be(1);
        (await ScalarAsync<long>("SELECT COUNT(*) FROM audit_log WHERE action = 'case.decided'")).Should().Be(1);
    }

    [Fact]
    public async Task A_request_id_reused_for_another_decision_is_refused()
    {
        var first = await OpenCaseAsync("p-6a");
        var second = await OpenCaseAsync("p-6b");
        var claimFirst = await Store.ClaimAsync(first, "alice", Lease, CancellationToken.None);
        var claimSecond = await Store.ClaimAsync(second, "alice", Lease, CancellationToken.None);
        await Store.DecideAsync(Request(first, claimFirst.Version, "alice", ReviewDecisionKind.Release, requestId: "r-1"), CancellationToken.None);

        var reused = await Store.DecideAsync(Request(second, claimSecond.Version, "alice", ReviewDecisionKind.Release, requestId: "r-1"), CancellationToken.None);

        reused.Outcome.Should().Be(DecisionOutcome.Refused);
        reused.Refusal.Should().Contain("already used");
        (await Store.FindAsync(second, CancellationToken.None))!.Case.Status.Should().Be(ReviewCaseStatus.Open);
    }

    [Fact]
    public async Task Confirming_a_held_post_opens_an_incident_in_the_same_transaction_and_a_removed_one_keeps_its_incident()
    {
        var held = await OpenCaseAsync("p-7");
        var removed = await OpenCaseAsync("p-8", action: "Remove", score: 0.95);
        var claimHeld = await Store.ClaimAsync(held, "alice", Lease, CancellationToken.None);
        var claimRemoved = await Store.ClaimAsync(removed, "alice", Lease, CancellationToken.None);

        var confirmHeld = await Store.DecideAsync(Request(held, claimHeld.Version, "alice", ReviewDecisionKind.Confirm), CancellationToken.None);
        var confirmRemoved = await Store.DecideAsync(Request(removed, claimRemoved.Version, "alice", ReviewDecisionKind.Confirm), CancellationToken.None);

        confirmHeld.IncidentId.Should().NotBeNull();
        confirmRemoved.IncidentId.Should().NotBeNull();
        (await CountAsync("incidents")).Should().Be(2, "the scan opened p-8's incident and the confirmation found it");
        (await CountAsync("notification_outbox")).Should().Be(2);
        (await ScalarAsync<string>("SELECT masked_excerpt FROM incidents WHERE post_id = 'p-7'")).Should().Be("机密★10年 ＊＊");
    }

    [Fact]
    public async Task A_decision_that_fails_midway_leaves_nothing_half_written()
    {
        var caseId = await OpenCaseAsync("p-10");
        var claim = await Store.ClaimAsync(caseId, "alice", Lease, CancellationToken.None);
        // The incident is written last but one (after the case, the decision row and the verdict): make it fail there.
        await ExecuteAsync(Scratch.Database.Provider == StorageProvider.Postgres
            ? """
              CREATE FUNCTION refuse_incident() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'incident store unavailable'; END $$;
              CREATE TRIGGER refuse_incident BEFORE INSERT ON incidents FOR EACH ROW EXECUTE FUNCTION refuse_incident();
              """
            : "CREATE TRIGGER refuse_incident BEFORE INSERT ON incidents BEGIN SELECT RAISE(ABORT, 'incident store unavailable'); END;");
        var outboxBefore = await CountAsync("message_outbox");

        var failing = () => Store.DecideAsync(Request(caseId, claim.Version, "alice", ReviewDecisionKind.Confirm), CancellationToken.None);

        await failing.Should().ThrowAsync<Exception>();
        (await CountAsync("review_decisions")).Should().Be(0);
        (await CountAsync("incidents")).Should().Be(0);
        (await CountAsync("message_outbox")).Should().Be(outboxBefore, "the review verdict was written in the transaction that failed");
        (await ScalarAsync<long>("SELECT COUNT(*) FROM audit_log WHERE action = 'case.decided'")).Should().Be(0);
        var after = (await Store.FindAsync(caseId, CancellationToken.None))!.Case;
        after.Status.Should().Be(ReviewCaseStatus.Open);
        after.ClaimedBy.Should().Be("alice");
        after.Version.Should().Be(claim.Version, "the claim still holds: the moderator can decide again once the fault is gone");
    }

    [Fact]
    public async Task Concurrent_claims_by_different_moderators_have_exactly_one_winner()
    {
        var caseId = await OpenCaseAsync("p-9");

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => Store.ClaimAsync(caseId, $"moderator-{i}", Lease, CancellationToken.None))));

        results.Count(r => r.Claimed).Should().Be(1);
        var winner = results.Single(r => r.Claimed);
        (await Store.FindAsync(caseId, CancellationToken.None))!.Case.ClaimedBy.Should().Be(winner.HeldBy);
    }

    [Fact]
    public async Task Keyset_pages_visit_every_open_case_once_in_priority_order()
    {
        for (var i = 0; i < 23; i++)
        {
            _time.Advance(TimeSpan.FromMinutes(1));
            await OpenCaseAsync($"k-{i}", score: 0.5 + (i % 5) * 0.1);
        }

        foreach (var sort in Enum.GetValues<CaseSort>())
        {
            var seen = new List<ReviewCaseSummary>();
            string? after = null;
            do
            {
                var page = await Store.ListAsync(new CaseFilter { Sort = sort, Limit = 5, After = after }, CancellationToken.None);
                seen.AddRange(page.Cases);
                after = page.Next;
            }
            while (after is not null);

            seen.Select(c => c.PostId).Should().OnlyHaveUniqueItems().And.HaveCount(23);
            var expected = sort switch
            {
                CaseSort.Priority => seen.OrderBy(c => c.DueAt).ThenBy(c => c.CaseId),
                CaseSort.Score => seen.OrderByDescending(c => c.Score).ThenBy(c => c.CaseId),
                _ => seen.OrderBy(c => c.OpenedAt).ThenBy(c => c.CaseId),
            };
            seen.Select(c => c.CaseId).Should().Equal(expected.Select(c => c.CaseId), $"sort {sort}");
        }
    }

    [Fact]
    public async Task Filters_narrow_the_queue_by_board_category_score_age_state_and_scope()
    {
        await OpenCaseAsync("f-1", score: 0.6, category: "secrecy-marking");
        _time.Advance(TimeSpan.FromHours(2));
        await OpenCaseAsync("f-2", score: 0.8, category: "document-number");
        await OpenCaseAsync("f-3", score: 0.7, board: "other-board");
        var decided = await OpenCaseAsync("f-4", score: 0.9);
        var claim = await Store.ClaimAsync(decided, "alice", Lease, CancellationToken.None);
        await Store.DecideAsync(Request(decided, claim.Version, "alice", ReviewDecisionKind.Escalate), CancellationToken.None);

        async Task<string[]> Posts(CaseFilter filter) => [.. (await Store.ListAsync(filter, CancellationToken.None)).Cases.Select(c => c.PostId).Order()];

        (await Posts(new CaseFilter())).Should().Equal("f-1", "f-2", "f-3");
        (await Posts(new CaseFilter { Board = "other-board" })).Should().Equal("f-3");
        (await Posts(new CaseFilter { Category = "document-number" })).Should().Equal("f-2");
        (await Posts(new CaseFilter { MinScore = 0.65, MaxScore = 0.75 })).Should().Equal("f-3");
        (await Posts(new CaseFilter { OpenedBefore = _time.GetUtcNow() - TimeSpan.FromHours(1) })).Should().Equal("f-1");
        (await Posts(new CaseFilter { Status = ReviewCaseStatus.Escalated })).Should().Equal("f-4");
        (await Posts(new CaseFilter { ScopeBoards = [DemoData.ApprovedBoardId] })).Should().Equal("f-1", "f-2");
        (await Posts(new CaseFilter { ScopeBoards = [] })).Should().BeEmpty();
        (await Posts(new CaseFilter { ScopeDivisionPrefix = "44" })).Should().Equal("f-3");
        (await Store.CountAsync(new CaseFilter { ScopeDivisionPrefix = "11" }, CancellationToken.None)).Should().Be(2);
    }

    [Fact]
    public async Task Dashboard_figures_follow_the_queue_decisions_scores_and_the_sla()
    {
        var first = await OpenCaseAsync("d-1", score: 0.72);
        await OpenCaseAsync("d-2", score: 0.91);
        await OpenCaseAsync("d-3", score: 0.5, board: "other-board");
        _time.Advance(TimeSpan.FromHours(7));
        var claim = await Store.ClaimAsync(first, "alice", Lease, CancellationToken.None);
        await Store.DecideAsync(Request(first, claim.Version, "alice", ReviewDecisionKind.Release), CancellationToken.None);

        var all = await new ReviewStatistics(_scratch.Database, _time).ComputeAsync(new CaseFilter(), TimeSpan.FromDays(14), TimeSpan.FromHours(6), CancellationToken.None);
        var scoped = await new ReviewStatistics(_scratch.Database, _time).ComputeAsync(new CaseFilter { ScopeBoards = ["other-board"] }, TimeSpan.FromDays(14), TimeSpan.FromHours(6), CancellationToken.None);

        all.QueueDepth.Should().HaveCount(57);
        all.QueueDepth[^1].Should().Be(2);
        all.QueueDepth.Max().Should().Be(3);
        all.DecisionsPerDay.Sum(d => d.Release).Should().Be(1);
        all.ScoreBands.Sum().Should().Be(2);
        all.ScoreBands[0].Should().Be(1, "0.5 falls in the first band");
        all.ScoreBands[8].Should().Be(1, "0.91 falls in 0.90-0.95");
        all.SlaShares.Should().ContainSingle().Which.Should().BeApproximately(7 / (4 * 0.78), 0.001);
        all.MedianTimeToDecision.Should().Be(TimeSpan.FromHours(7));
        all.OpenNow.Should().Be(2);
        all.OverdueNow.Should().Be(2, "seven hours is past the SLA of both");
        scoped.OpenNow.Should().Be(1);
        scoped.DecisionsPerDay.Sum(d => d.Release).Should().Be(0);
    }

    [Fact]
    public async Task Confirming_a_group_of_held_reposts_tells_every_post_and_opens_one_incident_from_the_kept_excerpt()
    {
        const string Leak = "机密★10年 第三批次物资的交付地点改为西郊仓库，时间定在下周二凌晨三点，由老王带队押运，沿途不得停留，到达后立即清点入库并报告指挥部，任何人不得对外透露行程安排。"
            + "第四批次的清单另行下发，各单位接到通知后派专人领取，领取时须出示介绍信和本人证件，清单阅后即收回，不得复印、拍照或转述给无关人员。";
        var caseId = await OpenHeldPostAsync("g-1", Leak);
        (await OpenHeldPostAsync("g-2", Leak.Replace("老王", "老李", StringComparison.Ordinal))).Should().Be(caseId);
        (await OpenHeldPostAsync("g-3", Leak)).Should().Be(caseId);
        await ExecuteAsync("UPDATE posts SET title = NULL, body = NULL");
        var claim = await Store.ClaimAsync(caseId, "alice", Lease, CancellationToken.None);
        var outboxBefore = await CountAsync("message_outbox");

        var confirmed = await Store.DecideAsync(Request(caseId, claim.Version, "alice", ReviewDecisionKind.Confirm), CancellationToken.None);

        confirmed.Verdicts.Select(v => v.Message.PayloadJson).Should().HaveCount(3)
            .And.OnlyContain(p => p.Contains("\"action\":\"Remove\"", StringComparison.Ordinal) && p.Contains("\"stage\":\"Review\"", StringComparison.Ordinal));
        confirmed.Verdicts.Select(v => v.Message.PayloadJson).Should().Contain(p => p.Contains("\"postId\":\"g-2\"", StringComparison.Ordinal));
        (await CountAsync("message_outbox")).Should().Be(outboxBefore + 3);
        (await CountAsync("incidents")).Should().Be(1, "one incident per group");
        var excerpt = await ScalarAsync<string>("SELECT masked_excerpt FROM incidents");
        excerpt.Should().StartWith("机密★10年").And.NotContain("西郊仓库", "the excerpt kept at scan time, the text being purged");
        (await ScalarAsync<string>("SELECT fingerprints_json FROM incidents")).Should().Contain($"confirmed-case-{caseId}");
        (await ScalarAsync<long>("SELECT COUNT(*) FROM case_posts WHERE masked_excerpt IS NOT NULL OR title IS NOT NULL")).Should().Be(0);
    }

    [Fact]
    public async Task Escalating_keeps_the_evidence_for_the_officer_and_releasing_erases_it_with_the_fingerprint()
    {
        var escalated = await OpenHeldPostAsync("e-1", "机密★10年 第三批次物资的交付地点改为西郊仓库，时间定在下周二凌晨三点，由老王带队押运，沿途不得停留，到达后立即清点入库并报告指挥部。");
        var released = await OpenHeldPostAsync("e-2", "机密★10年 关于下季度人事安排的内部讨论稿，请各位领导审阅后于周五前反馈意见，不要转发给无关人员，会后统一收回原件并登记销毁。");
        var first = await Store.ClaimAsync(escalated, "alice", Lease, CancellationToken.None);
        var second = await Store.ClaimAsync(released, "alice", Lease, CancellationToken.None);

        await Store.DecideAsync(Request(escalated, first.Version, "alice", ReviewDecisionKind.Escalate), CancellationToken.None);
        await Store.DecideAsync(Request(released, second.Version, "alice", ReviewDecisionKind.Release), CancellationToken.None);

        var kept = (await Store.FindAsync(escalated, CancellationToken.None))!.Evidence!;
        kept.MaskedExcerpt.Should().StartWith("机密★10年");
        kept.FingerprintJson.Should().NotBeNull();
        var erased = (await Store.FindAsync(released, CancellationToken.None))!.Evidence!;
        erased.MaskedExcerpt.Should().BeNull();
        erased.FingerprintJson.Should().BeNull();
    }

    /// <summary>A held post saved as the scanner saves it, with its evidence; the case it opened or joined.</summary>
    private async Task<long> OpenHeldPostAsync(string postId, string body)
    {
        var now = _time.GetUtcNow();
        _time.Advance(TimeSpan.FromSeconds(1));
        IReadOnlyList<Moderation.Contracts.VerdictReason> reasons = [new() { Rule = "marking", Category = "secrecy-marking", Field = "body", Start = 0, Length = 6, Weight = 0.7 }];
        var saved = await Scans.SaveAsync(new ScanWrite
        {
            Post = new PostRecord { BoardId = DemoData.ApprovedBoardId, PostId = postId, Revision = 0, Channel = "Bbs", AuthorId = "author-1", Body = body, SubmittedAt = now, ReceivedAt = now },
            Action = "Hold",
            Score = 0.7,
            ReasonsJson = System.Text.Json.JsonSerializer.Serialize(reasons, Moderation.Contracts.WireFormat.Options),
            RuleSetVersion = "test-1",
            ScannedAt = now,
            OpensReviewCase = true,
            Category = Moderation.Verdicts.CaseEvidence.StrongestCategory(reasons),
            Evidence = new Moderation.Verdicts.CaseEvidence("author-1", null, ExcerptMasker.Mask(null, body, reasons), Moderation.Verdicts.CaseEvidence.CategoriesOf(reasons), PostFingerprint.Compute(ReviewSlices.Scheme, null, body)) { GroupsReposts = true },
            Verdict = new OutboundMessage("moderation.verdicts.forum-demo", "PostVerdict", """{"stage":"scan"}"""),
        }, CancellationToken.None);
        return saved.ReviewCaseId!.Value;
    }

    private async Task<long> OpenCaseAsync(string postId, string action = "Hold", double score = 0.7, string? category = "secrecy-marking", string board = DemoData.ApprovedBoardId)
    {
        var now = _time.GetUtcNow();
        var post = new PostRecord
        {
            BoardId = board,
            PostId = postId,
            Revision = 0,
            Channel = "Bbs",
            AuthorId = "author-1",
            Title = null,
            Body = "机密★10年 附件",
            SubmittedAt = now,
            ReceivedAt = now,
        };
        var saved = await Scans.SaveAsync(new ScanWrite
        {
            Post = post,
            Action = action,
            Score = score,
            ReasonsJson = """[{"rule":"marking","category":"secrecy-marking","field":"body","start":0,"length":6,"weight":0.7}]""",
            RuleSetVersion = "test-1",
            ScannedAt = now,
            OpensReviewCase = true,
            Category = category,
            Incident = action == "Remove"
                ? new IncidentOpening
                {
                    BoardId = post.BoardId,
                    PostId = post.PostId,
                    Revision = post.Revision,
                    Source = "Scan",
                    OpenedBy = "scanner",
                    Score = score,
                    MaskedExcerpt = "机密★10年 ＊＊",
                    DetectedAt = now,
                    RemovalDetail = "Removed by the automatic scan.",
                }
                : null,
            Verdict = new OutboundMessage("moderation.verdicts.forum-demo", "PostVerdict", """{"stage":"scan"}"""),
        }, CancellationToken.None);
        return saved.ReviewCaseId!.Value;
    }

    private static DecisionRequest Request(long caseId, int version, string actor, string decision, string? requestId = null) => new()
    {
        CaseId = caseId,
        ClaimVersion = version,
        Actor = actor,
        Decision = decision,
        Reason = "checked against the source",
        RequestId = requestId ?? $"{actor}-{caseId}-{decision}",
    };

    protected async Task<long> CountAsync(string table)
    {
        await using var connection = await _scratch.Database.OpenAsync(CancellationToken.None);
        // Table names come from the tests above, never from input.
        return await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}");
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = await _scratch.Database.OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync(sql);
    }

    protected async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = await _scratch.Database.OpenAsync(CancellationToken.None);
        return (await connection.ExecuteScalarAsync<T>(sql))!;
    }
}
