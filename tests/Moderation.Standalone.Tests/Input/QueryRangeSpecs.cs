using System.Net;
using Moderation.Standalone.Tests.Review;
using Moderation.Testing;

namespace Moderation.Standalone.Tests.Input;

/// <summary>
/// Every query parameter of the review queue is range-checked before it reaches PostgreSQL: an age
/// past the calendar, a sort the queue does not have, a NUL in a filter, a cursor of another sort are
/// 400s naming that parameter (formerly 500s, or a 400 naming the wrong one); the page shows the same
/// message and still lists.
/// </summary>
public sealed class QueryRangeSpecs : IAsyncLifetime
{
    private ReviewHost _host = null!;
    private HttpClient _moderator = null!;
    private long _listed;

    public async Task InitializeAsync()
    {
        _host = await ReviewHost.StartOnPostgresAsync();
        _listed = await _host.OpenCaseAsync("listed");
        _moderator = await _host.SignInAsync("mod-a");
    }

    public async Task DisposeAsync()
    {
        _moderator.Dispose();
        await _host.DisposeAsync();
    }

    [Theory]
    [InlineData("minAge", "800000.00:00:00")]
    [InlineData("maxAge", "800000.00:00:00")]
    [InlineData("minAge", "3651.00:00:00")]
    [InlineData("maxAge", "-01:00:00")]
    [InlineData("minAge", "soon")]
    public async Task An_age_out_of_range_is_a_400_naming_it(string name, string value)
    {
        var response = await _moderator.GetAsync($"/api/v1/review/cases?{name}={value}");

        (await Problems.ForAsync(response, name)).Should().Contain($"{name} must be a duration from 00:00:00 to 3650.00:00:00");
    }

    [Fact]
    public async Task The_longest_age_allowed_still_lists()
    {
        var response = await _moderator.GetAsync("/api/v1/review/cases?maxAge=3650.00:00:00&minAge=00:00:00");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("listed");
    }

    [Theory]
    [InlineData("999")]
    [InlineData("-1")]
    [InlineData("newest")]
    public async Task A_sort_the_queue_does_not_have_names_sort(string sort)
    {
        var response = await _moderator.GetAsync($"/api/v1/review/cases?sort={sort}");

        (await Problems.ForAsync(response, "sort")).Should().Be("sort must be priority, score or oldest.");
    }

    [Theory]
    [InlineData("board=%00", "board", "U+0000")]
    [InlineData("board=demo%2Fboard", "board", "is not an id")]
    [InlineData("category=%00", "category", "U+0000")]
    [InlineData("after=p123_%00", "after", "U+0000")]
    [InlineData("after=nonsense", "after", "not a page cursor")]
    [InlineData("limit=501", "limit", "from 1 to 500")]
    public async Task A_filter_that_cannot_name_anything_stored_is_a_400_naming_it(string query, string name, string says)
    {
        var response = await _moderator.GetAsync($"/api/v1/review/cases?{query}");

        (await Problems.ForAsync(response, name)).Should().Contain(says);
    }

    [Fact]
    public async Task A_cursor_of_another_sort_names_after()
    {
        var response = await _moderator.GetAsync("/api/v1/review/cases?sort=score&after=p638000000000000000_1");

        (await Problems.ForAsync(response, "after")).Should().Contain("sort score");
    }

    [Theory]
    [InlineData("minAge=800000.00:00:00", "minAge must be a duration")]
    [InlineData("maxAge=800000.00:00:00", "maxAge must be a duration")]
    [InlineData("sort=999", "sort must be priority, score or oldest.")]
    public async Task The_queue_page_shows_the_problem_and_still_lists(string query, string says)
    {
        var response = await _moderator.GetAsync($"/queue?{query}");
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK, html);
        html.Should().Contain(says).And.Contain($"href=\"/cases/{_listed}");
    }

    [Fact]
    public async Task A_nul_in_the_queue_page_filter_is_a_400_not_a_500()
    {
        var response = await _moderator.GetAsync("/queue?board=%00");

        (await Problems.OnPageAsync(response)).Should().Contain("board contains a control character (U+0000)");
    }

    [Theory]
    [InlineData("limit=abc", "limit", "limit 'abc' is not a whole number.")]
    [InlineData("before=yesterday", "before", "before 'yesterday' is not a whole number.")]
    [InlineData("subject=%00", "subject", "U+0000")]
    public async Task The_audit_log_query_names_a_bad_parameter(string query, string name, string says)
    {
        using var admin = _host.Factory.CreateClient(TestCredentials.AdminKey);

        var response = await admin.GetAsync($"/api/v1/audit?{query}");

        (await Problems.ForAsync(response, name)).Should().Contain(says);
    }
}
