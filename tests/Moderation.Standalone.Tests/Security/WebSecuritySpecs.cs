using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Moderation.Contracts;
using Moderation.Standalone.Tests.Review;
using Moderation.Storage.Accounts;
using Moderation.Storage.Boards;
using Moderation.Testing;

namespace Moderation.Standalone.Tests.Security;

/// <summary>Tenancy of keys and officers, forms, cookies, headers and sign-in limits, on the standalone host.</summary>
public sealed class WebSecuritySpecs : IAsyncLifetime
{
    private ReviewHost _host = null!;

    public async Task InitializeAsync() => _host = await ReviewHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_forum_key_cannot_submit_or_read_for_another_operators_board()
    {
        var boards = _host.Factory.Services.GetRequiredService<BoardRepository>();
        await boards.SaveOperatorAsync(new ForumOperator { OperatorId = "forum-other", Name = "Other forum", AmqpUser = "forum-other", VerdictQueue = ForumOperator.DefaultVerdictQueue("forum-other") }, CancellationToken.None);
        await _host.Factory.Services.GetRequiredService<ApiKeyRepository>().SaveAsync("other-forum", "mod_other-forum-key-000000000000000000", AccountRoles.Machine, "forum-other", null, "test", CancellationToken.None);
        using var own = _host.Factory.CreateClient(TestCredentials.ForumKey);
        using var other = _host.Factory.CreateClient("mod_other-forum-key-000000000000000000");
        (await own.PostAsJsonAsync("/api/v1/posts", PostsApiSpecs.Post("own-1", "普通的帖子"), WireFormat.Options)).StatusCode.Should().Be(HttpStatusCode.Accepted);

        var submitted = await other.PostAsJsonAsync("/api/v1/posts", PostsApiSpecs.Post("foreign-1", "普通的帖子"), WireFormat.Options);
        var read = await other.GetAsync("/api/v1/boards/demo-board/posts/own-1");

        submitted.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await submitted.Content.ReadAsStringAsync()).Should().Contain("not run by operator 'forum-other'");
        read.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await own.GetAsync("/api/v1/boards/demo-board/posts/foreign-1")).StatusCode.Should().Be(HttpStatusCode.NotFound, "the refused post was not stored");
    }

    [Fact]
    public async Task An_officer_registers_and_sees_only_documents_of_their_jurisdiction()
    {
        using var guangdong = await _host.SignInAsync("off-gd");
        using var beijing = await _host.SignInAsync("off-bj");
        var file = FingerprintsApiSpecs.File();

        var refused = await guangdong.PostAsync("/api/v1/fingerprints", new StringContent(file, System.Text.Encoding.UTF8, "application/json"));
        var accepted = await beijing.PostAsync("/api/v1/fingerprints", new StringContent(file, System.Text.Encoding.UTF8, "application/json"));

        refused.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("outside your jurisdiction (440000)");
        accepted.StatusCode.Should().Be(HttpStatusCode.Created);
        (await guangdong.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/fingerprints")).GetArrayLength().Should().Be(0);
        (await guangdong.GetAsync("/api/v1/fingerprints/reserve-layout")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_form_posted_without_its_antiforgery_token_is_refused()
    {
        var caseId = await _host.OpenCaseAsync("csrf-1");
        using var moderator = await _host.SignInAsync("mod-a");

        var forged = await moderator.PostAsync($"/queue?handler=Claim&caseId={caseId}", new FormUrlEncodedContent([]));
        var token = await ReviewHost.AntiforgeryTokenAsync(moderator, "/queue");
        var genuine = await moderator.PostAsync($"/queue?handler=Claim&caseId={caseId}", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        forged.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        genuine.StatusCode.Should().Be(HttpStatusCode.Redirect);
        genuine.Headers.Location!.OriginalString.Should().Be($"/cases/{caseId}");
    }

    [Fact]
    public async Task Markup_in_a_post_is_shown_as_text_under_a_policy_that_runs_no_inline_script()
    {
        var caseId = await _host.OpenCaseAsync("xss-1", "<script>alert('x')</script><img src=x onerror=alert(1)> 机密★10年", title: "<b>标题</b>");
        using var moderator = await _host.SignInAsync("mod-a");

        var page = await moderator.GetAsync($"/cases/{caseId}");
        var queue = await moderator.GetStringAsync("/queue");
        var html = await page.Content.ReadAsStringAsync();

        html.Should().Contain("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;").And.NotContain("<script>alert").And.NotContain("<img src=x");
        html.Should().Contain("&lt;b&gt;标题&lt;/b&gt;");
        queue.Should().NotContain("<script>alert").And.NotContain("<b>标题");
        var policy = page.Headers.GetValues("Content-Security-Policy").Single();
        policy.Should().Contain("script-src 'self'").And.NotContain("unsafe-inline").And.NotContain("unsafe-eval");
        html.Should().NotContainAny("<script>", "onclick=", "style=\"");
    }

    [Fact]
    public async Task Session_and_form_cookies_are_http_only_and_same_site_strict()
    {
        using var http = _host.Anonymous();
        var signInPage = await http.GetAsync("/account/sign-in");
        var signedIn = await ReviewHost.SubmitSignInAsync(http, "mod-a", TestCredentials.Password);

        var cookies = signInPage.Headers.GetValues("Set-Cookie").Concat(signedIn.Headers.GetValues("Set-Cookie")).ToList();
        cookies.Should().NotBeEmpty().And.OnlyContain(c => c.Contains("httponly", StringComparison.OrdinalIgnoreCase) && c.Contains("samesite=strict", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task With_secure_cookies_on_every_cookie_is_secure_and_host_bound()
    {
        await using var secure = _host.Factory.WithWebHostBuilder(b => b.UseSetting("Moderation:Security:SecureCookies", "true"));
        using var http = secure.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });

        var signedIn = await ReviewHost.SubmitSignInAsync(http, "mod-a", TestCredentials.Password);

        signedIn.StatusCode.Should().Be(HttpStatusCode.Redirect);
        signedIn.Headers.GetValues("Set-Cookie").Should().Contain(c => c.StartsWith("__Host-moderation=", StringComparison.Ordinal))
            .And.OnlyContain(c => c.Contains("secure", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Sign_in_attempts_beyond_the_limit_are_refused_with_429_saying_when_to_retry()
    {
        using var http = _host.Anonymous();
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 12; i++)
        {
            // A new name each time: the per-name throttle never starts, only the per-address limit is met.
            answers.Add(await ReviewHost.SubmitSignInAsync(http, $"nobody-{i}", "whatever-1"));
        }

        answers.Take(10).Should().OnlyContain(a => a.StatusCode == HttpStatusCode.OK);
        var refused = answers.Last();
        refused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture).Should().BeInRange(1, 60);
        refused.Headers.GetValues("Content-Security-Policy").Single().Should().Be(Moderation.Api.Security.SecurityHeaders.ContentSecurityPolicy);
        refused.Headers.GetValues("X-Content-Type-Options").Single().Should().Be("nosniff");
    }

    [Fact]
    public async Task Every_sign_in_and_action_is_in_the_audit_chain_and_the_chain_verifies()
    {
        var caseId = await _host.OpenCaseAsync("audit-1");
        using var moderator = await _host.SignInAsync("mod-a");
        await moderator.PostAsync($"/api/v1/review/cases/{caseId}/claim", null);
        using var admin = _host.Factory.CreateClient(TestCredentials.AdminKey);

        var rows = await admin.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/audit/");
        var verify = await admin.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/audit/verify");

        rows.EnumerateArray().Select(r => (r.GetProperty("action").GetString(), r.GetProperty("actor").GetString()))
            .Should().Contain([("case.claimed", "mod-a"), ("account.signed-in", "mod-a")]);
        verify.GetProperty("firstBrokenSequence").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        verify.GetProperty("rowsChecked").GetInt64().Should().BeGreaterThanOrEqualTo(2);
    }
}
