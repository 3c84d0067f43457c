using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using Moderation.Testing;

namespace Moderation.Browser.Tests;

/// <summary>
/// Cases a moderator can judge without the post's text: a removed post reviewed from its masked
/// excerpt after the purge, and reposts shown as one case decided together.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CaseReviewBrowserSpecs(BrowserFixture fixture)
{
    /// <summary>Sign-in and page loads can be slow on a loaded machine.</summary>
    private static readonly LocatorAssertionsToBeVisibleOptions Slow = new() { Timeout = 30_000 };

    [Fact]
    public async Task A_removed_post_is_reviewed_from_its_excerpt_after_the_purge_and_confirmed_with_its_fingerprint_registered()
    {
        const string Body = "绝密★长期 第三批次物资的交付地点改为西郊仓库，时间定在下周二凌晨三点，由老王带队押运，沿途不得停留，到达后立即清点入库并报告指挥部，任何人不得对外透露行程安排。";
        using var forum = Client(TestCredentials.ForumKey);
        (await SubmitAsync(forum, "excerpt-1", "物资调运安排", Body)).GetProperty("action").GetString().Should().Be("Remove");
        await PurgeAsync("excerpt-1");
        var page = await fixture.SignedInAsync("mod-a");
        page.SetDefaultTimeout(30_000);

        var row = page.Locator("tr[data-case-id]").Filter(new() { HasText = "物资调运安排" });
        await Assertions.Expect(row).ToBeVisibleAsync(Slow);
        await row.Locator("td.post a").ClickAsync();
        await page.WaitForURLAsync(new Regex("/cases/\\d+$"));
        var caseId = page.Url[(page.Url.LastIndexOf('/') + 1)..];

        await Assertions.Expect(page.Locator("[data-excerpt]")).ToContainTextAsync("绝密★长期");
        await Assertions.Expect(page.Locator(".purged")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-category]")).ToHaveTextAsync("secrecy-marking");
        await Assertions.Expect(page.Locator("[data-fingerprint]")).ToContainTextAsync("post-simhash:");
        (await page.Locator("article.post").InnerTextAsync()).Should().Contain("excerpt-1").And.Contain("author-1").And.NotContain("西郊仓库");
        await page.ScreenshotAsync(new() { Path = BrowserFixture.Screenshot("case-purged-excerpt"), FullPage = true });

        await page.GetByRole(AriaRole.Button, new() { Name = "Claim this case" }).ClickAsync();
        await page.GetByLabel("Confirm: secret material; remove, open an incident").CheckAsync();
        await page.GetByLabel("Reason").FillAsync("Marked top secret; delivery details of a shipment.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record decision" }).ClickAsync();
        await page.WaitForURLAsync("**/queue");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Confirm recorded.");

        using var admin = Client(TestCredentials.AdminKey);
        var registered = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/fingerprints/confirmed-case-{caseId}");
        registered.GetProperty("registeredBy").GetString().Should().Be("mod-a", "the fingerprint computed at scan time is registered, the text being gone");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Reposts_show_as_one_case_and_one_release_publishes_them_all()
    {
        const string Body = "机密★10年 关于下季度人事安排的内部讨论稿，请各位领导审阅后于周五前反馈意见，不要转发给无关人员，会后统一收回原件并登记销毁，严禁拍照留存，违者按规定追究责任。";
        using var forum = Client(TestCredentials.ForumKey);
        foreach (var (postId, text) in new[] { ("dup-1", Body), ("dup-2", Body), ("dup-3", Body.Replace("周五", "周四", StringComparison.Ordinal)) })
        {
            await SubmitAsync(forum, postId, "人事讨论稿", text);
        }

        var page = await fixture.SignedInAsync("mod-a");
        page.SetDefaultTimeout(30_000);
        var rows = page.Locator("tr[data-case-id]").Filter(new() { HasText = "人事讨论稿" });
        await Assertions.Expect(rows.First).ToBeVisibleAsync(Slow);
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await rows.Locator("td.post a").ClickAsync();
        await page.WaitForURLAsync(new Regex("/cases/\\d+$"));

        var group = page.Locator("[data-group]");
        await Assertions.Expect(group).ToContainTextAsync("Reposts in this case (2)");
        await Assertions.Expect(group.Locator("[data-repost]")).ToHaveCountAsync(2);
        await page.ScreenshotAsync(new() { Path = BrowserFixture.Screenshot("case-reposts"), FullPage = true });

        await page.GetByRole(AriaRole.Button, new() { Name = "Claim this case" }).ClickAsync();
        await page.GetByLabel("Release: a false positive, publish it and its 2 repost(s)").CheckAsync();
        // The scan removed these posts: releasing them takes the moderator's second look.
        await page.Locator("[data-second-look] input").CheckAsync();
        await page.GetByLabel("Reason").FillAsync("A draft already published by the personnel office.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record decision" }).ClickAsync();
        await page.WaitForURLAsync("**/queue");

        foreach (var postId in new[] { "dup-1", "dup-2", "dup-3" })
        {
            var readBack = await forum.GetFromJsonAsync<JsonElement>($"/api/v1/boards/demo-board/posts/{postId}");
            readBack.GetProperty("stage").GetString().Should().Be("Review", $"{postId} is told the decision");
            readBack.GetProperty("action").GetString().Should().Be("Publish");
        }

        await page.Context.CloseAsync();
    }

    private HttpClient Client(string key)
    {
        var http = new HttpClient { BaseAddress = fixture.System.BaseAddress, Timeout = TimeSpan.FromMinutes(1) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return http;
    }

    private static async Task<JsonElement> SubmitAsync(HttpClient forum, string postId, string title, string body)
    {
        var response = await forum.PostAsJsonAsync("/api/v1/posts", new
        {
            boardId = "demo-board", postId, revision = 0, channel = "Bbs", authorId = "author-1", title, body, submittedAt = DateTimeOffset.UtcNow.AddSeconds(-1),
        });
        response.EnsureSuccessStatusCode();
        for (var attempt = 0; attempt < 120; attempt++)
        {
            var status = await forum.GetFromJsonAsync<JsonElement>($"/api/v1/boards/demo-board/posts/{postId}");
            if (status.GetProperty("status").GetString() == "scanned")
            {
                return status;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"Post {postId} was never scanned.");
    }

    /// <summary>What the Notifier's purge does to a post once its report is handed off.</summary>
    private async Task PurgeAsync(string postId)
    {
        await using var connection = new SqliteConnection($"Data Source={fixture.DatabaseFile}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE posts SET title = NULL, body = NULL WHERE post_id = $post";
        command.Parameters.AddWithValue("$post", postId);
        (await command.ExecuteNonQueryAsync()).Should().Be(1);
    }
}
