using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Moderation.Browser.Tests;

/// <summary>
/// A board's registration in a real (headless) browser: the organizer applies, the officer requests
/// changes, the organizer amends, the officer approves, the forum publishes with the credentials
/// collected once, the officer suspends the board, and the forum's next post is refused.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RegistrationBrowserSpecs(BrowserFixture fixture)
{
    private const string BoardId = "browser-bbs";

    [Fact]
    public async Task Apply_request_changes_amend_approve_publish_suspend_and_the_next_post_is_refused()
    {
        var organizer = await fixture.SignedInAsync("org-a", "/registrations");
        await organizer.Locator("input[name=boardId]").FillAsync(BoardId);
        await organizer.Locator("input[name=boardName]").FillAsync("Browser BBS");
        await organizer.GetByRole(AriaRole.Button, new() { Name = "Start a draft" }).ClickAsync();
        await organizer.WaitForURLAsync(new Regex("/registrations/app-[0-9a-f]+$"));
        var application = organizer.Url;
        await FillAsync(organizer, new()
        {
            ["kind"] = "Bbs", ["address"] = "https://bbs.browser.example.cn", ["organizingUnit"] = "Browser Forum Co., Ltd.",
            ["creditCode"] = "91350100M000100Y44", ["responsiblePerson"] = "Wang Fang", ["contactPhone"] = "+86 10 6500 1111",
            ["contactEmail"] = "security@browser.example.cn", ["divisionCode"] = "110105", ["userAgreementUrl"] = "https://bbs.browser.example.cn/agreement",
        });
        await organizer.Locator("textarea[name=securityManagement]").FillAsync("Every post is scanned before it appears.");
        foreach (var commitment in new[] { "agreementBindsUsersToSecrecyLaw", "agreementForbidsStateSecrets", "reportsLeaksToDepartment" })
        {
            await organizer.Locator($"input[name={commitment}]").CheckAsync();
        }

        await organizer.GetByRole(AriaRole.Button, new() { Name = "Submit" }).ClickAsync();
        await Assertions.Expect(organizer.Locator("[data-field=creditCode]")).ToContainTextAsync("check character (the 18th) is '4' but the first 17 characters give '3'");
        await organizer.ScreenshotAsync(new() { Path = BrowserFixture.Screenshot("registration-field-error"), FullPage = true });
        await organizer.Locator("input[name=creditCode]").FillAsync("91350100M000100Y43");
        await organizer.GetByRole(AriaRole.Button, new() { Name = "Submit" }).ClickAsync();
        await Assertions.Expect(organizer.Locator("#status")).ToHaveTextAsync("Submitted");
        await Assertions.Expect(organizer.Locator("#due")).ToContainTextAsync("CST");

        var officer = await fixture.SignedInAsync("off-bj", "/officer/registrations");
        await officer.Locator("#inbox a", new() { HasText = BoardId }).ClickAsync();
        await DecideAsync(officer, "StartReview", "Taken up.", "UnderReview");
        await DecideAsync(officer, "RequestChanges", "Describe who reviews held posts at night.", "ChangesRequested");

        await organizer.ReloadAsync();
        await Assertions.Expect(organizer.Locator("#status")).ToHaveTextAsync("ChangesRequested");
        await organizer.Locator("textarea[name=securityManagement]").FillAsync("Every post is scanned before it appears; at night two moderators on call review held posts.");
        await organizer.GetByRole(AriaRole.Button, new() { Name = "Submit" }).ClickAsync();
        await Assertions.Expect(organizer.Locator("#status")).ToHaveTextAsync("Submitted");

        await officer.ReloadAsync();
        await DecideAsync(officer, "StartReview", "Taken up again.", "UnderReview");
        await DecideAsync(officer, "Approve", "Security management and agreement in order.", "Approved");
        await officer.ScreenshotAsync(new() { Path = BrowserFixture.Screenshot("registration-review"), FullPage = true });

        await organizer.ReloadAsync();
        await organizer.GetByRole(AriaRole.Button, new() { Name = "Collect credentials" }).ClickAsync();
        var key = (await organizer.Locator("#api-key").TextContentAsync())!.Trim();
        using var forum = new HttpClient { BaseAddress = fixture.System.BaseAddress };
        forum.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var first = await PostAsync(forum, "first");

        await DecideAsync(officer, "Suspend", "Rectification overdue.", "Suspended");
        var next = await PostAsync(forum, "second");

        key.Should().StartWith("mod_");
        first.StatusCode.Should().Be(HttpStatusCode.Accepted, await first.Content.ReadAsStringAsync());
        next.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await next.Content.ReadAsStringAsync()).Should().Contain("suspended");
        await Assertions.Expect(officer.Locator("#history tr")).ToHaveCountAsync(8); // header + 7 steps
        await organizer.Context.CloseAsync();
        await officer.Context.CloseAsync();
    }

    private static async Task FillAsync(IPage page, Dictionary<string, string> fields)
    {
        foreach (var (name, value) in fields)
        {
            await page.Locator($"input[name={name}]").FillAsync(value);
        }
    }

    private static async Task DecideAsync(IPage officer, string transition, string reason, string expected)
    {
        await officer.Locator("textarea[name=reason]").FillAsync(reason);
        await officer.Locator($"button[name=transition][value={transition}]").ClickAsync();
        await Assertions.Expect(officer.Locator("#status")).ToHaveTextAsync(expected);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient forum, string postId) =>
        forum.PostAsJsonAsync("/api/v1/posts", new
        {
            boardId = BoardId, postId, revision = 0, channel = "Bbs", authorId = "u-1",
            title = "通知", body = "明天九点开会。", submittedAt = DateTimeOffset.UtcNow,
        });
}
