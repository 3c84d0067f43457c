using Dapper;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moderation.Detection.Fingerprints;
using Moderation.Storage.Boards;
using Moderation.Storage.Outbox;
using Moderation.Storage.Posts;
using Moderation.Storage.Review;
using Moderation.Storage.Scans;
using Moderation.Testing;
using Moderation.Verdicts;
using Moderation.Verdicts.Incidents;

namespace Moderation.Storage.Tests.Review;

/// <summary>
/// What a review case keeps of its posts until the decision, and reposts grouped into one case,
/// specified once and run on each engine.
/// </summary>
public abstract class CasePostsStorageContract : IAsyncLifetime
{
    private const string OtherBoard = "other-board";

    /// <summary>Long enough for a SimHash that means something (60 letters and more).</summary>
    private const string Leak = "绝密★长期 第三批次物资的交付地点改为西郊仓库，时间定在下周二凌晨三点，由老王带队押运，沿途不得停留，到达后立即清点入库并报告指挥部，任何人不得对外透露行程安排。";

    private static readonly FingerprintScheme Scheme = FingerprintScheme.FromSecret("case-posts-specs");

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero));
    private ScratchDatabase _scratch = null!;

    protected abstract Task<ScratchDatabase> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        _scratch = await CreateDatabaseAsync();
        var boards = new BoardRepository(_scratch.Database, _time);
        await DemoData.SeedAsync(boards, CancellationToken.None);
        await boards.SaveAsync(OtherBoard, DemoData.OperatorId, "Other board", "Bbs", "440300", BoardStatus.Approved, CancellationToken.None);
    }

    public async Task DisposeAsync() => await _scratch.DisposeAsync();

    [Fact]
    public async Task A_case_keeps_the_masked_excerpt_categories_title_author_and_scan_time_fingerprint_of_its_post()
    {
        var saved = await ScanAsync("p-1", Leak, title: "会议纪要");

        var posts = await PostsOfAsync(saved.ReviewCaseId!.Value);

        var post = posts.Should().ContainSingle().Subject;
        post.PostId.Should().Be("p-1");
        post.Action.Should().Be("Remove");
        post.AuthorId.Should().Be("author-p-1");
        post.Title.Should().Be("会议纪要");
        post.MaskedExcerpt.Should().StartWith("绝密★长期").And.NotContain("西郊仓库");
        post.CategoryList.Should().Equal("secrecy-marking", "sharing");
        var fingerprint = FingerprintFile.Parse(post.FingerprintJson!);
        fingerprint.SameFingerprintAs(PostFingerprint.Compute(Scheme, "会议纪要", Leak)!).Should().BeTrue("the fingerprint is the post's own, computed before any purge");
        unchecked((ulong)post.SimHash!.Value).Should().Be(fingerprint.SimHash);
        post.ReasonsJson.Should().Contain("marking", "the post's own scan is read with it");
    }

    [Fact]
    public async Task A_near_identical_repost_on_the_same_board_joins_the_open_case_and_strengthens_it()
    {
        var first = await ScanAsync("p-1", Leak, action: "Hold", score: 0.7);
        var repost = await ScanAsync("p-2", Leak.Replace("老王", "老李", StringComparison.Ordinal), action: "Remove", score: 0.96);
        var same = await ScanAsync("p-3", Leak, action: "Hold", score: 0.6);

        repost.ReviewCaseId.Should().Be(first.ReviewCaseId);
        same.ReviewCaseId.Should().Be(first.ReviewCaseId);
        (await PostsOfAsync(first.ReviewCaseId!.Value)).Select(p => p.PostId).Should().Equal("p-1", "p-2", "p-3");
        (await CountAsync("review_cases")).Should().Be(1);
        var (score, kind) = await ScalarAsync<(double, string)>($"SELECT score, kind FROM review_cases WHERE case_id = {first.ReviewCaseId}");
        score.Should().Be(0.96, "the case weighs its strongest post");
        kind.Should().Be("Remove", "a removed repost makes the case a removal to confirm");
    }

    [Fact]
    public async Task Another_text_another_board_or_a_decided_case_opens_a_case_of_its_own()
    {
        var first = await ScanAsync("p-1", Leak);

        var other = await ScanAsync("p-2", "机密★10年 关于下季度人事安排的内部讨论稿，请各位领导审阅后于周五前反馈意见，不要转发给无关人员，会后统一收回原件并登记销毁，严禁拍照留存。");
        var elsewhere = await ScanAsync("p-3", Leak, board: OtherBoard);
        var tiny = await ScanAsync("p-4", "绝密★长期");
        await ExecuteAsync($"UPDATE review_cases SET status = 'Confirmed' WHERE case_id = {first.ReviewCaseId}");
        var afterDecision = await ScanAsync("p-5", Leak);

        new[] { other, elsewhere, tiny, afterDecision }.Select(s => s.ReviewCaseId).Should().OnlyHaveUniqueItems().And.NotContain(first.ReviewCaseId);
        (await PostsOfAsync(tiny.ReviewCaseId!.Value)).Single().SimHash.Should().BeNull("a post too short to fingerprint has no SimHash to group by");
    }

    [Fact]
    public async Task The_decision_erases_titles_and_excerpts_and_a_release_the_fingerprint_too()
    {
        var confirmed = await ScanAsync("p-1", Leak, title: "会议纪要");
        await ScanAsync("p-2", Leak, title: "会议纪要");
        var released = await ScanAsync("p-3", "机密★10年 关于下季度人事安排的内部讨论稿，请各位领导审阅后于周五前反馈意见，不要转发给无关人员，会后统一收回原件并登记销毁，严禁拍照留存。", title: "讨论稿");

        await EraseAsync(confirmed.ReviewCaseId!.Value, keepFingerprint: true);
        await EraseAsync(released.ReviewCaseId!.Value, keepFingerprint: false);

        (await PostsOfAsync(confirmed.ReviewCaseId.Value)).Should().HaveCount(2).And.OnlyContain(p => p.Title == null && p.MaskedExcerpt == null && p.FingerprintJson != null && p.SimHash != null);
        (await PostsOfAsync(released.ReviewCaseId.Value)).Should().OnlyContain(p => p.Title == null && p.MaskedExcerpt == null && p.FingerprintJson == null);
        (await PostsOfAsync(released.ReviewCaseId.Value)).Single().CategoryList.Should().NotBeEmpty("what was decided about stays on record");
    }

    [Fact]
    public async Task A_post_within_six_bits_of_an_open_cases_post_is_found_among_many_open_cases_and_one_further_is_not()
    {
        var first = await ScanAsync("p-1", Leak);
        var hash = unchecked((ulong)(await PostsOfAsync(first.ReviewCaseId!.Value)).Single().SimHash!.Value);
        // Forty more open cases on the board, each with a hash far from it (and from each other).
        var random = new Random(16);
        for (var i = 0; i < 40; i++)
        {
            await AddCasePostAsync($"x-{i}", hash ^ FarBits(random));
        }

        // Six bits apart, spread over six bands (the worst case for banding), and a seventh bit more.
        const ulong SixBits = (1UL << 0) | (1UL << 12) | (1UL << 21) | (1UL << 30) | (1UL << 39) | (1UL << 48);
        var near = await FindOpenGroupAsync(hash ^ SixBits);
        var far = await FindOpenGroupAsync(hash ^ SixBits ^ (1UL << 60));

        near.Should().Be(first.ReviewCaseId, "six differing bits are a near-duplicate");
        far.Should().BeNull("seven differing bits are another text");
        (await CountAsync("case_post_bands")).Should().Be(41 * SimHashBands.Count);
        await EraseAsync(first.ReviewCaseId.Value, keepFingerprint: true);
        (await CountAsync("case_post_bands")).Should().Be(40 * SimHashBands.Count, "a decided case's keys go with its evidence");
    }

    [Fact]
    public async Task The_band_keys_the_migration_fills_in_for_earlier_cases_are_the_ones_new_posts_get()
    {
        var first = await ScanAsync("p-1", Leak);
        var other = await ScanAsync("p-2", "机密★10年 关于下季度人事安排的内部讨论稿，请各位领导审阅后于周五前反馈意见，不要转发给无关人员，会后统一收回原件并登记销毁，严禁拍照留存。");
        var written = await KeysAsync();
        await ExecuteAsync("DELETE FROM case_post_bands");

        var migration = Moderation.Storage.Migrations.MigrationCatalog.For(_scratch.Database.Provider).Single(m => m.Version == 16);
        await ExecuteAsync(migration.Sql);
        await ExecuteAsync(migration.Sql);

        var filled = await KeysAsync();
        filled.Should().BeEquivalentTo(written, "the migration, run twice, computes each hash's keys once and as SimHashBands does");
        written.Select(k => k.CaseId).Distinct().Should().BeEquivalentTo([first.ReviewCaseId!.Value, other.ReviewCaseId!.Value]);
        foreach (var group in written.GroupBy(k => k.SimHash))
        {
            group.Select(k => k.BandKey).Should().BeEquivalentTo(SimHashBands.Keys(unchecked((ulong)group.Key)));
        }
    }

    private static ulong FarBits(Random random)
    {
        while (true)
        {
            var bits = (ulong)random.NextInt64() ^ ((ulong)random.Next(2) << 63);
            if (System.Numerics.BitOperations.PopCount(bits) >= 20)
            {
                return bits;
            }
        }
    }

    private async Task AddCasePostAsync(string postId, ulong simHash)
    {
        var saved = await ScanAsync(postId, $"机密★10年 另一份材料 {postId}", action: "Hold");
        await using var connection = await _scratch.Database.OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync("DELETE FROM case_post_bands WHERE case_id = @CaseId", new { CaseId = saved.ReviewCaseId });
        await connection.ExecuteAsync("UPDATE case_posts SET sim_hash = NULL WHERE case_id = @CaseId", new { CaseId = saved.ReviewCaseId });
        await using var transaction = await connection.BeginTransactionAsync();
        await CasePosts.InsertAsync(connection, transaction, new CasePost
        {
            CaseId = saved.ReviewCaseId!.Value,
            BoardId = DemoData.ApprovedBoardId,
            PostId = postId + "-hash",
            Revision = 0,
            ScanId = saved.ScanId!.Value,
            Action = "Hold",
            AuthorId = "author",
            SimHash = unchecked((long)simHash),
            JoinedAt = _time.GetUtcNow(),
        }, CancellationToken.None);
        await transaction.CommitAsync();
    }

    private async Task<long?> FindOpenGroupAsync(ulong simHash)
    {
        await using var connection = await _scratch.Database.OpenAsync(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync();
        return await CasePosts.FindOpenGroupAsync(connection, transaction, DemoData.ApprovedBoardId, simHash, CancellationToken.None);
    }

    private async Task<IReadOnlyList<(string BoardId, int BandKey, long CaseId, long SimHash)>> KeysAsync()
    {
        await using var connection = await _scratch.Database.OpenAsync(CancellationToken.None);
        return [.. await connection.QueryAsync<(string, int, long, long)>("SELECT board_id, band_key, case_id, sim_hash FROM case_post_bands")];
    }

    private async Task<ScanSaved> ScanAsync(string postId, string body, string? title = null, string action = "Remove", double score = 0.95, string board = DemoData.ApprovedBoardId)
    {
        var marking = body.IndexOf('★', StringComparison.Ordinal) - 2;
        var reasons = new List<Moderation.Contracts.VerdictReason>
        {
            new() { Rule = "marking", Category = "secrecy-marking", Field = "body", Start = marking, Length = 5, Weight = 0.9 },
            new() { Rule = "sharing", Category = "sharing", Field = "body", Start = 0, Length = 0, Weight = 0.3 },
            new() { Rule = "model", Category = "model", Field = "post", Weight = 0.97 },
        };
        var fingerprint = PostFingerprint.Compute(Scheme, title, body);
        var now = _time.GetUtcNow();
        _time.Advance(TimeSpan.FromSeconds(1));
        return await new ScanStore(_scratch.Database, Options.Create(new StorageOptions()), time: _time).SaveAsync(new ScanWrite
        {
            Post = new PostRecord { BoardId = board, PostId = postId, Revision = 0, Channel = "Bbs", AuthorId = $"author-{postId}", Title = title, Body = body, SubmittedAt = now, ReceivedAt = now },
            Action = action,
            Score = score,
            ReasonsJson = System.Text.Json.JsonSerializer.Serialize(reasons, Moderation.Contracts.WireFormat.Options),
            RuleSetVersion = "test-1",
            ScannedAt = now,
            OpensReviewCase = true,
            Category = CaseEvidence.StrongestCategory(reasons),
            Evidence = new CaseEvidence($"author-{postId}", title, ExcerptMasker.Mask(title, body, reasons), CaseEvidence.CategoriesOf(reasons), fingerprint) { GroupsReposts = fingerprint is not null && Scheme.SimHashIdentifies(PostFingerprint.TextOf(title, body)) },
            Verdict = new OutboundMessage("moderation.verdicts.forum-demo", "PostVerdict", $$"""{"postId":"{{postId}}"}"""),
        }, CancellationToken.None);
    }

    private async Task<IReadOnlyList<CasePost>> PostsOfAsync(long caseId)
    {
        await using var connection = await _scratch.Database.OpenAsync(CancellationToken.None);
        return await CasePosts.ForCaseAsync(connection, null, caseId, CancellationToken.None);
    }

    private async Task EraseAsync(long caseId, bool keepFingerprint)
    {
        await using var connection = await _scratch.Database.OpenAsync(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync();
        await CasePosts.EraseEvidenceAsync(connection, transaction, caseId, keepFingerprint, CancellationToken.None);
        await transaction.CommitAsync();
    }

    private async Task<long> CountAsync(string table) => await ScalarAsync<long>($"SELECT COUNT(*) FROM {table}");

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = await _scratch.Database.OpenAsync(CancellationToken.None);
        return await connection.QuerySingleAsync<T>(sql);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = await _scratch.Database.OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync(sql);
    }
}
