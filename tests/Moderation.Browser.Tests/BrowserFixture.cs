using Microsoft.Playwright;
using Moderation.Testing;

namespace Moderation.Browser.Tests;

/// <summary>
/// One standalone process (its demo posts seeded into the queue) and one headless Chromium for all
/// browser specs. The browser is Debian's (<c>/usr/bin/chromium</c>); nothing is downloaded.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private DirectoryInfo _data = null!;
    private IPlaywright _playwright = null!;

    public ServiceProcess System { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where the screenshots go: <c>artifacts/</c> beside the test assembly.</summary>
    public static string Artifacts { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artifacts")).FullName;

    /// <summary>The system's SQLite file, for a spec that must do what only time would (a purge after hand-off).</summary>
    public string DatabaseFile => Path.Combine(_data.FullName, "moderation.db");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: apt-get install chromium (tests/run.sh does).");
        }

        _data = Directory.CreateTempSubdirectory("moderation-browser-");
        System = await ServiceProcess.StartAsync("Moderation.Standalone", TestCredentials.With(new Dictionary<string, string>
        {
            ["ConnectionStrings__Sqlite"] = $"Data Source={DatabaseFile}",
            ["Moderation__Review__SeedDemoPosts"] = "true",
            // Every spec signs in from 127.0.0.1: on a fast machine the suite's sign-ins come within a
            // minute, past the production limit of ten per address (its own specs prove that limit).
            ["Moderation__Security__SignInAttemptsPerMinute"] = "1000",
        }), readyWithin: TimeSpan.FromMinutes(4)); // a whole host starting on a machine shared with other builds can take minutes
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
    }

    /// <summary>
    /// A fresh browser context (its own cookies) signed in as <paramref name="userName"/>, on <paramref name="start"/>
    /// (the queue unless told), in <paramref name="timeZone"/> (an IANA zone; the machine's unless told).
    /// </summary>
    public async Task<IPage> SignedInAsync(string userName, string start = "/queue", string? timeZone = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = System.BaseAddress.ToString(), ViewportSize = new ViewportSize { Width = 1360, Height = 900 }, TimezoneId = timeZone, Locale = "en-US" });
        // Sign-in hashes the password with its full work factor: on a loaded machine the first page
        // can take longer than Playwright's 30 s default.
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync(start);
        await page.WaitForURLAsync("**/account/sign-in**");
        await page.GetByLabel("User name").FillAsync(userName);
        await page.GetByLabel("Password").FillAsync(TestCredentials.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync("**" + start);
        return page;
    }

    /// <summary>Waits until the demo posts were scanned and show as cases.</summary>
    public async Task WaitForCasesAsync(IPage page, int atLeast)
    {
        for (var attempt = 0; attempt < 60; attempt++)
        {
            if (await page.Locator("tr[data-case-id]").CountAsync() >= atLeast)
            {
                return;
            }

            await Task.Delay(250);
            await page.ReloadAsync();
        }

        throw new TimeoutException($"The queue never showed {atLeast} cases:\n{System.Log}");
    }

    public static string Screenshot(string name) => Path.Combine(Artifacts, name + ".png");

    public async Task DisposeAsync()
    {
        // Whatever InitializeAsync got to before it failed (a host slow to start) is all there is to stop.
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (System is not null)
        {
            await System.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _data.Delete(recursive: true);
    }
}
