using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Moderation.Testing;

namespace Moderation.Browser.Tests;

/// <summary>
/// A moderator working fast and safely in a real browser: the keyboard alone claims, decides and moves
/// on to the next case of the filter; a bulk decision has no default, names its count and decision, and
/// Cancel leaves every case as it was. Each spec works cases of its own, found by a search word.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WorkingSpeedSpecs(BrowserFixture fixture)
{
    // Sign-in and the first page can be slow on a loaded machine.
    private const float Patience = 30_000;

    [Fact]
    public async Task The_keyboard_claims_the_next_case_decides_it_and_moves_on_to_the_next_of_the_filter()
    {
        var word = "KBD" + Guid.NewGuid().ToString("N")[..8];
        await SubmitAsync(word, 2);
        var page = await SignedInAsync("mod-a", "/queue?q=" + word);
        await WaitForRowsAsync(page, word, 2);

        await page.Keyboard.PressAsync("?");
        await Assertions.Expect(page.Locator("[data-key-help]")).ToContainTextAsync("claim next");
        await page.ScreenshotAsync(new() { Path = BrowserFixture.Screenshot("queue-keyboard-help") });
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.Locator("[data-key-help]")).ToHaveCountAsync(0);
        await page.Keyboard.PressAsync("j");
        await Assertions.Expect(page.Locator("tr[data-case-id]").First).ToHaveClassAsync(new Regex("current"));

        await page.Keyboard.PressAsync("n");
        await page.WaitForURLAsync(new Regex("/cases/\\d+\\?queue=q%3D" + word + "&advance=1$"));
        var first = CaseIdOf(page.Url);
        await page.Keyboard.PressAsync("r");
        await Assertions.Expect(page.GetByLabel("Release: a false positive, publish it")).ToBeCheckedAsync();
        await page.Keyboard.TypeAsync("Quotes a public notice.");
        await page.Keyboard.PressAsync("Control+Enter");

        await page.WaitForURLAsync(url => url.Contains("/cases/", StringComparison.Ordinal) && CaseIdOf(url) != first);
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Release recorded.");
        await Assertions.Expect(page.Locator("[data-claim]")).ToContainTextAsync("Yours until");
        await page.Keyboard.PressAsync("e");
        await page.Keyboard.TypeAsync("Needs the department.");
        await page.Keyboard.PressAsync("Control+Enter");

        await page.WaitForURLAsync(new Regex("/queue\\?q=" + word + "$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Nothing left to claim in this filter.");
        await Assertions.Expect(page.Locator("tr[data-case-id]")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Times_show_in_the_viewers_time_zone_with_utc_in_the_title()
    {
        var word = "TZ" + Guid.NewGuid().ToString("N")[..8];
        await SubmitAsync(word, 1);
        var page = await SignedInAsync("mod-a", "/queue?q=" + word, timeZone: "Asia/Shanghai");
        await WaitForRowsAsync(page, word, 1);

        await page.Locator("[data-case-link]").First.ClickAsync();
        var time = page.Locator("time[data-local-time=shown]").First;
        await Assertions.Expect(time).ToHaveCountAsync(1);

        var utc = DateTimeOffset.Parse((await time.GetAttributeAsync("datetime"))!, CultureInfo.InvariantCulture);
        (await time.InnerTextAsync()).Should().Be(utc.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " GMT+8");
        (await time.GetAttributeAsync("title")).Should().Be(utc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_bulk_decision_has_no_default_names_its_count_and_decision_and_cancel_decides_nothing()
    {
        var word = "BULK" + Guid.NewGuid().ToString("N")[..8];
        await SubmitAsync(word, 2);
        var page = await SignedInAsync("mod-a", "/queue?q=" + word);
        await WaitForRowsAsync(page, word, 2);
        var decision = page.Locator("[data-bulk-decision]");

        (await decision.InputValueAsync()).Should().BeEmpty("no decision is chosen until the moderator chooses one");
        await page.Locator("[data-select-all]").CheckAsync();
        await page.GetByLabel("Reason for the selection").FillAsync("One wave of the same post.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Decide selected…" }).ClickAsync();
        (await decision.EvaluateAsync<bool>("select => select.matches(':invalid')")).Should().BeTrue();
        page.Url.Should().EndWith("/queue?q=" + word, "the form is not sent without a decision");

        await decision.SelectOptionAsync("Escalate");
        await page.GetByRole(AriaRole.Button, new() { Name = "Decide selected…" }).ClickAsync();
        await page.WaitForURLAsync("**/queue/bulk**");
        await Assertions.Expect(page.Locator("[data-bulk-headline]")).ToHaveTextAsync("Escalate 2 cases?");
        await Assertions.Expect(page.Locator("[data-bulk-confirm-button]")).ToHaveTextAsync("Escalate 2 cases");
        await page.ScreenshotAsync(new() { Path = BrowserFixture.Screenshot("bulk-confirmation"), FullPage = true });

        await page.Locator("[data-bulk-cancel]").ClickAsync();
        await page.WaitForURLAsync(new Regex("/queue\\?q=" + word + "$"));
        await Assertions.Expect(page.Locator("tr[data-case-id]")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("tr[data-case-id] [data-claim]", new() { HasText = "free" })).ToHaveCountAsync(2);

        await page.Locator("[data-select-all]").CheckAsync();
        await decision.SelectOptionAsync("Escalate");
        await page.GetByLabel("Reason for the selection").FillAsync("One wave of the same post.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Decide selected…" }).ClickAsync();
        await page.Locator("[data-bulk-confirm-button]").ClickAsync();
        await page.WaitForURLAsync(new Regex("/queue\\?q=" + word + "$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Escalate: 2 of 2 case(s) decided.");
        await Assertions.Expect(page.Locator("tr[data-case-id]")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    private async Task<IPage> SignedInAsync(string userName, string start, string? timeZone = null)
    {
        var page = await fixture.SignedInAsync(userName, start, timeZone);
        page.SetDefaultTimeout(Patience);
        Assertions.SetDefaultExpectTimeout(Patience);
        return page;
    }

    /// <summary>Posts from the demo forum that the scanner holds (an internal-circulation phrase), each carrying <paramref name="word"/>.</summary>
    private async Task SubmitAsync(string word, int count)
    {
        using var forum = new HttpClient { BaseAddress = fixture.System.BaseAddress }.WithApiKey(TestCredentials.ForumKey);
        for (var i = 0; i < count; i++)
        {
            var json = $$"""
                {"boardId":"demo-board","postId":"{{word}}-{{i}}","revision":0,"channel":"Bbs","authorId":"u-{{i}}",
                 "title":"{{word}} 帖子 {{i}}","body":"{{word}}：内部资料 不得外传，第{{i}}份，下周的安排见附件。",
                 "submittedAt":"{{DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}}"}
                """;
            using var response = await forum.PostAsync("/api/v1/posts", new StringContent(json, Encoding.UTF8, "application/json"));
            response.EnsureSuccessStatusCode();
        }
    }

    /// <summary>Reloads the filtered queue until the scanner has made the cases.</summary>
    private static async Task WaitForRowsAsync(IPage page, string word, int count)
    {
        for (var attempt = 0; attempt < 120; attempt++)
        {
            if (await page.Locator("tr[data-case-id]").CountAsync() >= count)
            {
                return;
            }

            await Task.Delay(250);
            await page.ReloadAsync();
        }

        throw new TimeoutException($"The queue never showed {count} cases for {word}.");
    }

    private static long CaseIdOf(string url) => long.Parse(Regex.Match(url, "/cases/(\\d+)").Groups[1].Value, CultureInfo.InvariantCulture);
}
