using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Moderation.Contracts;
using Moderation.Testing;

namespace Moderation.Standalone.Tests.Review;

/// <summary>
/// Remove cases reviewed from what the case keeps after the post's text is purged, and reposts
/// grouped into one case decided together: through the scanner, the API and the pages of the
/// standalone host, on each engine.
/// </summary>
public abstract class CaseEvidenceSpecs : IAsyncLifetime
{
    /// <summary>A leak long enough to fingerprint; "西郊仓库" must never be shown or kept.</summary>
    internal const string Leak = "绝密★长期 第三批次物资的交付地点改为西郊仓库，时间定在下周二凌晨三点，由老王带队押运，沿途不得停留，到达后立即清点入库并报告指挥部，任何人不得对外透露行程安排。";

    private ReviewHost _host = null!;

    protected abstract Task<ReviewHost> StartAsync();

    public async Task InitializeAsync() => _host = await StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_removed_post_is_reviewed_from_its_kept_excerpt_after_the_purge_and_confirm_registers_its_scan_time_fingerprint()
    {
        using var forum = _host.Factory.CreateClient(TestCredentials.ForumKey);
        await SubmitAsync(forum, "leak-1", Leak, "会议纪要");
        var caseId = await CaseOfAsync("leak-1");
        // What the purge does once the report is handed off (IncidentRepository.PurgeAsync).
        await ExecuteAsync("UPDATE posts SET title = NULL, body = NULL WHERE post_id = 'leak-1'");
        using var moderator = await _host.SignInAsync("mod-a");

        var detail = await moderator.GetFromJsonAsync<JsonElement>($"/api/v1/review/cases/{caseId}");
        var page = await moderator.GetStringAsync($"/cases/{caseId}");

        detail.GetProperty("body").ValueKind.Should().Be(JsonValueKind.Null, "the text is purged");
        detail.GetProperty("case").GetProperty("kind").GetString().Should().Be("Remove");
        detail.GetProperty("case").GetProperty("category").GetString().Should().Be("secrecy-marking", "the marking is the strongest evidence, whatever the model says");
        var kept = detail.GetProperty("posts").EnumerateArray().Single();
        var excerpt = kept.GetProperty("maskedExcerpt").GetString()!;
        excerpt.Should().Contain("绝密★长期").And.Contain("＊").And.NotContain("西郊仓库");
        kept.GetProperty("title").GetString().Should().Be("会议纪要");
        kept.GetProperty("authorId").GetString().Should().Be("author-1");
        kept.GetProperty("categories").EnumerateArray().Select(c => c.GetString()).Should().Contain("secrecy-marking");
        kept.GetProperty("simHash").GetString().Should().StartWith("post-simhash:");
        page.Should().Contain(excerpt).And.Contain("会议纪要").And.Contain("leak-1").And.Contain("author-1").And.Contain("demo-board").And.NotContain("西郊仓库");

        var decided = await DecideAsync(moderator, caseId, "Confirm");

        decided.GetProperty("incidentId").GetInt64().Should().BePositive();
        (await ScalarAsync<string>("SELECT registered_by FROM protected_documents WHERE document_id = @id", new { id = $"confirmed-case-{caseId}" }))
            .Should().Be("mod-a", "the fingerprint computed at scan time is registered although the text is gone");
        // The scan reported the removal at once (Art. 16); the confirmation finds that incident, whose excerpt and SimHash the case kept.
        (await ScalarAsync<string>("SELECT masked_excerpt FROM incidents WHERE post_id = 'leak-1'")).Should().Be(excerpt);
        (await ScalarAsync<string>("SELECT fingerprints_json FROM incidents WHERE post_id = 'leak-1'")).Should().Contain(kept.GetProperty("simHash").GetString()!);
        (await ScalarAsync<long>("SELECT COUNT(*) FROM case_posts WHERE title IS NOT NULL OR masked_excerpt IS NOT NULL")).Should().Be(0, "the evidence is erased once the case is decided");

        // And the same text posted again is caught by that fingerprint.
        var repost = await SubmitAsync(forum, "leak-again", Leak[6..], expectRemove: false);
        repost.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("rule").GetString()).Should().Contain($"fingerprint:confirmed-case-{caseId}");
    }

    [Fact]
    public async Task Reposts_on_the_board_are_one_case_listed_on_its_page_and_decided_together()
    {
        using var forum = _host.Factory.CreateClient(TestCredentials.ForumKey);
        await SubmitAsync(forum, "orig-1", Leak);
        await SubmitAsync(forum, "copy-2", Leak.Replace("老王", "老李", StringComparison.Ordinal));
        await SubmitAsync(forum, "copy-3", Leak);
        await SubmitAsync(forum, "other-4", "机密★10年 关于下季度人事安排的内部讨论稿，请各位领导审阅后于周五前反馈意见，不要转发给无关人员，会后统一收回原件并登记销毁，严禁拍照留存。");
        var caseId = await CaseOfAsync("orig-1");
        using var moderator = await _host.SignInAsync("mod-a");

        var page = await moderator.GetStringAsync($"/cases/{caseId}");

        (await CaseOfAsync("copy-2")).Should().Be(caseId);
        (await CaseOfAsync("copy-3")).Should().Be(caseId);
        (await CaseOfAsync("other-4")).Should().NotBe(caseId);
        page.Should().Contain("Reposts in this case (2)").And.Contain("data-repost=\"copy-2\"").And.Contain("data-repost=\"copy-3\"").And.NotContain("data-repost=\"other-4\"");
        page.Should().Contain("The author's other posts").And.Contain($"href=\"/cases/{await CaseOfAsync("other-4")}\"");

        var incidentsBefore = await ScalarAsync<long>("SELECT COUNT(*) FROM incidents");
        await DecideAsync(moderator, caseId, "Confirm");

        foreach (var post in new[] { "orig-1", "copy-2", "copy-3" })
        {
            var readBack = await forum.GetFromJsonAsync<JsonElement>($"/api/v1/boards/demo-board/posts/{post}");
            readBack.GetProperty("stage").GetString().Should().Be("Review", $"{post} is told the decision");
            readBack.GetProperty("action").GetString().Should().Be("Remove");
        }

        // Each removal was reported by its scan; the group's confirmation reports nothing twice.
        (await ScalarAsync<long>("SELECT COUNT(*) FROM incidents")).Should().Be(incidentsBefore).And.Be(4);
        (await ScalarAsync<string>("SELECT status FROM review_cases WHERE post_id = 'other-4'")).Should().Be("Open");
        (await CaseOfAsync("other-4")).Should().NotBe(caseId);
    }

    private static async Task<JsonElement> SubmitAsync(HttpClient forum, string postId, string body, string? title = null, bool expectRemove = true)
    {
        var submitted = await forum.PostAsJsonAsync("/api/v1/posts", PostsApiSpecs.Post(postId, body) with { Title = title }, WireFormat.Options);
        submitted.StatusCode.Should().Be(HttpStatusCode.Accepted, await submitted.Content.ReadAsStringAsync());
        var scanned = await PostsApiSpecs.PollScannedAsync(forum, submitted.Headers.Location!.ToString());
        if (expectRemove)
        {
            scanned.GetProperty("action").GetString().Should().Be("Remove", $"{postId} carries a secrecy marking");
        }

        return scanned;
    }

    private static async Task<JsonElement> DecideAsync(HttpClient moderator, long caseId, string decision)
    {
        var claim = await moderator.PostAsync($"/api/v1/review/cases/{caseId}/claim", null);
        claim.StatusCode.Should().Be(HttpStatusCode.OK, await claim.Content.ReadAsStringAsync());
        var version = (await claim.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32();
        var decided = await moderator.PostAsJsonAsync($"/api/v1/review/cases/{caseId}/decision", new { decision, reason = "operational details of a classified shipment", version });
        decided.StatusCode.Should().Be(HttpStatusCode.OK, await decided.Content.ReadAsStringAsync());
        return await decided.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The case a post is in: the one it opened, or the one of its group it joined.</summary>
    private Task<long> CaseOfAsync(string postId) =>
        ScalarAsync<long>("SELECT case_id FROM case_posts WHERE board_id = 'demo-board' AND post_id = @postId", new { postId });

    private async Task<T> ScalarAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = await _host.Scratch.Database.OpenAsync(CancellationToken.None);
        return (await connection.ExecuteScalarAsync<T>(sql, parameters))!;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = await _host.Scratch.Database.OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync(sql);
    }
}

public sealed class SqliteCaseEvidenceSpecs : CaseEvidenceSpecs
{
    protected override Task<ReviewHost> StartAsync() => ReviewHost.StartAsync();
}

public sealed class PostgresCaseEvidenceSpecs : CaseEvidenceSpecs
{
    protected override Task<ReviewHost> StartAsync() => ReviewHost.StartOnPostgresAsync();
}
