using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Moderation.Standalone.Tests.Input;

namespace Moderation.Standalone.Tests.Review;

/// <summary>
/// The queue for a team working all day, on PostgreSQL: search by text, post and author; "claim next"
/// and the advance to the next case after each decision, in the same filter; times written for the
/// viewer's own zone; error pages for people while the API keeps problem details; a favicon.
/// </summary>
public sealed partial class QueueWorkingSpeedSpecs : IAsyncLifetime
{
    private ReviewHost _host = null!;
    private HttpClient _moderator = null!;

    public async Task InitializeAsync()
    {
        _host = await ReviewHost.StartOnPostgresAsync();
        _moderator = await _host.SignInAsync("mod-a");
    }

    public async Task DisposeAsync()
    {
        _moderator.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task The_queue_is_searched_by_text_in_any_case_by_post_id_and_by_author()
    {
        var meeting = await _host.OpenCaseAsync("p-100", body: "Minutes of the QUARTERLY meeting 机密★10年", author: "zhang-san");
        var percent = await _host.OpenCaseAsync("p-200", body: "a 100% sure leak 机密★10年", author: "li-si");
        await _host.OpenCaseAsync("p-300", body: "chess_openings: 1000 pages, quarterly", author: "li-si");

        (await Ids("?q=quarterly")).Should().BeEquivalentTo([meeting, await CaseOf("p-300")]);
        (await Ids("?q=100%25")).Should().Equal([percent], "a percent sign is a character (\"1000 pages\" does not match)");
        (await Ids("?q=s_o")).Should().Equal([await CaseOf("p-300")], "an underscore is a character, not a wildcard (\"Minutes of\" does not match)");
        (await Ids("?post=p-200")).Should().Equal([percent]);
        (await Ids("?author=li-si")).Should().HaveCount(2).And.Contain(percent);
        (await Ids("?author=li-si&q=sure")).Should().Equal([percent]);
        (await _moderator.GetStringAsync("/queue?author=zhang-san")).Should().Contain($"data-case-id=\"{meeting}\"").And.NotContain($"data-case-id=\"{percent}\"");
    }

    [Theory]
    [InlineData("author=li%2Fsi", "author", "is not an id")]
    [InlineData("post=%20.%20", "post", "is not an id")]
    public async Task A_search_that_cannot_name_anything_stored_is_a_400_naming_it(string query, string name, string says)
    {
        var response = await _moderator.GetAsync($"/api/v1/review/cases?{query}");

        (await Problems.ForAsync(response, name)).Should().Contain(says);
    }

    [Fact]
    public async Task A_search_text_longer_than_the_limit_is_a_400_naming_q()
    {
        var response = await _moderator.GetAsync("/api/v1/review/cases?q=" + new string('x', 201));

        (await Problems.ForAsync(response, "q")).Should().Be("q is 201 characters long; search for at most 200.");
    }

    [Fact]
    public async Task Claim_next_claims_the_most_urgent_case_another_moderator_does_not_hold()
    {
        var urgent = await _host.OpenCaseAsync("next-1", score: 0.99);
        var second = await _host.OpenCaseAsync("next-2", score: 0.9);
        await _host.OpenCaseAsync("other-board", board: "demo-suspended", score: 1.0);
        using var admin = await _host.SignInAsync("adm");
        (await admin.PostAsync($"/api/v1/review/cases/{urgent}/claim", null)).EnsureSuccessStatusCode();

        var first = await _moderator.PostAsync("/api/v1/review/claims/next", null);
        var then = await _moderator.PostAsync("/api/v1/review/claims/next?minScore=0.95", null);

        first.StatusCode.Should().Be(HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
        (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caseId").GetInt64().Should().Be(second);
        then.StatusCode.Should().Be(HttpStatusCode.NotFound, "the only case above 0.95 is held by another moderator");
        (await then.Content.ReadAsStringAsync()).Should().Contain("No open case of this filter is free");
    }

    [Fact]
    public async Task A_decision_reached_by_claim_next_claims_the_next_case_of_the_same_filter_until_none_is_left()
    {
        var first = await _host.OpenCaseAsync("adv-1", score: 0.95);
        var second = await _host.OpenCaseAsync("adv-2", score: 0.9);
        await _host.OpenCaseAsync("adv-low", score: 0.55);

        var start = await PostFormAsync("/queue?handler=ClaimNext&minScore=0.8", "/queue?minScore=0.8", []);
        start.StatusCode.Should().Be(HttpStatusCode.Redirect);
        start.Headers.Location!.OriginalString.Should().Be($"/cases/{first}?queue=minScore%3D0.8&advance=1");

        var afterFirst = await DecideOnPageAsync(start.Headers.Location.OriginalString, first);
        afterFirst.Headers.Location!.OriginalString.Should().Be($"/cases/{second}?queue=minScore%3D0.8&advance=1");
        (await ScalarAsync<string>("SELECT claimed_by FROM review_cases WHERE case_id = @second", new { second })).Should().Be("mod-a");

        var afterSecond = await DecideOnPageAsync(afterFirst.Headers.Location.OriginalString, second);
        afterSecond.Headers.Location!.OriginalString.Should().Be("/queue?minScore=0.8");
        (await _moderator.GetStringAsync("/queue?minScore=0.8")).Should().Contain("Release recorded. Nothing left to claim in this filter.");
        (await ScalarAsync<long>("SELECT COUNT(*) FROM review_cases WHERE post_id = 'adv-low' AND claimed_by IS NULL")).Should().Be(1);
    }

    [Fact]
    public async Task Times_on_the_case_page_are_written_for_the_viewers_zone_with_utc_in_the_title()
    {
        var caseId = await _host.OpenCaseAsync("time-1");

        var html = await _moderator.GetStringAsync($"/cases/{caseId}");

        var time = TimePattern().Match(html);
        time.Success.Should().BeTrue(html);
        time.Groups["title"].Value.Should().EndWith(" UTC").And.StartWith(time.Groups["iso"].Value[..10]);
        html.Should().Contain("<script src=\"/static/js/work.js\" defer></script>");
    }

    [Fact]
    public async Task A_page_that_fails_is_a_page_while_the_api_keeps_problem_details()
    {
        var page = await _moderator.GetAsync("/cases/987654321");
        var api = await _moderator.GetAsync("/api/v1/review/cases/987654321");
        var unknown = await _moderator.GetAsync("/no/such/page");

        page.StatusCode.Should().Be(HttpStatusCode.NotFound);
        page.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        (await page.Content.ReadAsStringAsync()).Should().Contain("<h1>Not Found</h1>").And.Contain("href=\"/queue\"");
        api.StatusCode.Should().Be(HttpStatusCode.NotFound);
        api.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await unknown.Content.ReadAsStringAsync()).Should().Contain("<h1>Not Found</h1>");
    }

    [Fact]
    public async Task The_site_has_a_favicon()
    {
        using var anonymous = _host.Anonymous();

        var icon = await anonymous.GetAsync("/favicon.ico");
        var signIn = await anonymous.GetStringAsync("/account/sign-in");

        icon.StatusCode.Should().Be(HttpStatusCode.OK);
        icon.Content.Headers.ContentType!.MediaType.Should().Be("image/svg+xml");
        (await icon.Content.ReadAsStringAsync()).Should().StartWith("<svg");
        signIn.Should().Contain("<link rel=\"icon\" href=\"/static/favicon.svg\" type=\"image/svg+xml\">");
    }

    private async Task<HttpResponseMessage> DecideOnPageAsync(string caseUrl, long caseId)
    {
        var html = await _moderator.GetStringAsync(caseUrl);
        var version = VersionPattern().Match(html).Groups[1].Value;
        return await PostFormAsync($"/cases/{caseId}?handler=Decide", caseUrl,
        [
            ("version", version), ("decision", "Release"), ("reason", "harmless"), ("requestId", "r-" + Guid.NewGuid().ToString("N")),
            ("queue", "minScore=0.8"), ("advance", "1"),
        ]);
    }

    private Task<HttpResponseMessage> PostFormAsync(string action, string formPage, IEnumerable<(string Name, string Value)> fields) =>
        ReviewHost.PostFormAsync(_moderator, action, formPage, fields);

    private async Task<long[]> Ids(string query)
    {
        var page = await _moderator.GetFromJsonAsync<JsonElement>("/api/v1/review/cases" + query);
        return [.. page.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("caseId").GetInt64())];
    }

    private Task<long> CaseOf(string postId) => ScalarAsync<long>("SELECT case_id FROM review_cases WHERE post_id = @postId", new { postId });

    private Task<T> ScalarAsync<T>(string sql, object? parameters = null) => _host.ScalarAsync<T>(sql, parameters);

    [GeneratedRegex("<time datetime=\"(?<iso>[0-9T:-]+Z)\" title=\"(?<title>[^\"]+)\" data-local-time>")]
    private static partial Regex TimePattern();

    [GeneratedRegex("name=\"version\" value=\"([0-9]+)\"")]
    private static partial Regex VersionPattern();
}
