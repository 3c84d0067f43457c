using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Moderation.Browser.Tests;

/// <summary>A moderator's day in a real (headless) browser: sign in, claim, decide, see others' claims live, stay safe from hostile posts.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ModeratorWorkflowSpecs(BrowserFixture fixture)
{
    [Fact]
    public async Task A_moderator_signs_in_claims_a_case_and_releases_it_with_a_reason()
    {
        var page = await fixture.SignedInAsync("mod-a");
        await fixture.WaitForCasesAsync(page, 3);
        await page.ScreenshotAsync(new() { Path = BrowserFixture.Screenshot("queue"), FullPage = true });

        var row = page.Locator("tr[data-case-id]").Filter(new() { HasText = "会议纪要" });
        await row.GetByRole(AriaRole.Button, new() { Name = "Claim" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/cases/\\d+$"));
        await Assertions.Expect(page.Locator("mark", new() { HasText = "内部资料" }).First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = BrowserFixture.Screenshot("case"), FullPage = true });

        await page.GetByLabel("Release: a false positive, publish it").CheckAsync();
        await page.GetByLabel("Reason").FillAsync("Quotes the public meeting notice; no secret content.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record decision" }).ClickAsync();

        await page.WaitForURLAsync("**/queue");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Release recorded.");
        await Assertions.Expect(page.Locator("tr[data-case-id]").Filter(new() { HasText = "会议纪要" })).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_claim_shows_at_once_on_another_moderators_open_queue()
    {
        var watcher = await fixture.SignedInAsync("adm");
        var worker = await fixture.SignedInAsync("mod-a");
        await fixture.WaitForCasesAsync(worker, 2);
        await watcher.ReloadAsync();
        await Assertions.Expect(watcher.Locator("[data-live-status]")).ToHaveTextAsync("live");

        var row = worker.Locator("tr[data-case-id]").Filter(new() { HasText = "闲聊" });
        var caseId = await row.GetAttributeAsync("data-case-id");
        await row.GetByRole(AriaRole.Button, new() { Name = "Claim" }).ClickAsync();

        var seen = watcher.Locator($"tr[data-case-id=\"{caseId}\"] [data-claim]");
        await Assertions.Expect(seen).ToHaveTextAsync("claimed by mod-a", new() { Timeout = 5000 });
        await Assertions.Expect(watcher.Locator($"tr[data-case-id=\"{caseId}\"]")).ToHaveClassAsync(new Regex("claimed"));
        await watcher.ScreenshotAsync(new() { Path = BrowserFixture.Screenshot("queue-live-claim"), FullPage = true });
        await watcher.Context.CloseAsync();
        await worker.Context.CloseAsync();
    }

    [Fact]
    public async Task A_post_full_of_markup_and_script_is_shown_as_text_and_runs_nothing()
    {
        var page = await fixture.SignedInAsync("mod-a");
        var dialogs = 0;
        page.Dialog += async (_, dialog) =>
        {
            dialogs++;
            await dialog.DismissAsync();
        };
        await fixture.WaitForCasesAsync(page, 1);

        var hostile = page.Locator("tr[data-case-id]").Filter(new() { HasText = "<b>通知</b>" });
        await Assertions.Expect(hostile).ToHaveCountAsync(1);
        await hostile.Locator("td.post a").ClickAsync();
        await page.WaitForURLAsync(new Regex("/cases/\\d+$"));

        var body = page.Locator("[data-post-text=body]");
        await Assertions.Expect(body).ToContainTextAsync("<script>alert('xss')</script><img src=x onerror=alert(1)>");
        (await body.Locator("script, img").CountAsync()).Should().Be(0, "the markup is text, not elements");
        (await page.Locator("[data-post-text=title] b").CountAsync()).Should().Be(0);
        await page.WaitForTimeoutAsync(500);
        dialogs.Should().Be(0, "no script from the post ran");
        await page.ScreenshotAsync(new() { Path = BrowserFixture.Screenshot("case-hostile-markup"), FullPage = true });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_dashboard_shows_its_charts()
    {
        var page = await fixture.SignedInAsync("mod-a");
        await fixture.WaitForCasesAsync(page, 1);

        await page.GotoAsync("/dashboard");

        await Assertions.Expect(page.Locator("figure.chart svg")).ToHaveCountAsync(4);
        (await page.Locator("[data-kpi=open]").InnerTextAsync()).Should().NotBe("0");
        await page.ScreenshotAsync(new() { Path = BrowserFixture.Screenshot("dashboard"), FullPage = true });
        await page.Context.CloseAsync();
    }
}
