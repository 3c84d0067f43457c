using System.Net;

namespace Moderation.Standalone.Tests.Review;

/// <summary>The moderators' pages render what the queue holds, for the signed-in person only.</summary>
public sealed class PagesSpecs : IAsyncLifetime
{
    private ReviewHost _host = null!;

    public async Task InitializeAsync() => _host = await ReviewHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_page_without_a_session_sends_the_visitor_to_sign_in_and_back()
    {
        using var http = _host.Anonymous();

        var response = await http.GetAsync("/queue?board=demo-board");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Contain("/account/sign-in?ReturnUrl=%2Fqueue%3Fboard%3Ddemo-board");
    }

    [Fact]
    public async Task The_queue_lists_the_most_urgent_case_first_and_the_case_page_marks_the_matched_text()
    {
        await _host.OpenCaseAsync("low", score: 0.55, title: "低分");
        var urgent = await _host.OpenCaseAsync("high", score: 0.95, title: "高分");
        using var moderator = await _host.SignInAsync("mod-a");

        var queue = await moderator.GetStringAsync("/queue");
        var page = await moderator.GetStringAsync($"/cases/{urgent}");

        queue.IndexOf("高分", StringComparison.Ordinal).Should().BeLessThan(queue.IndexOf("低分", StringComparison.Ordinal));
        page.Should().Contain("<mark title=\"reason 1\">机密★10年<sup>1</sup></mark>");
        page.Should().Contain("marking-with-period");
    }

    [Fact]
    public async Task The_dashboard_draws_its_four_charts_as_svg()
    {
        await _host.OpenCaseAsync("dash-1");
        using var moderator = await _host.SignInAsync("mod-a");

        var html = await moderator.GetStringAsync("/dashboard");

        html.Split("<svg viewBox").Length.Should().Be(5);
        html.Should().Contain("Open cases over the last 14 days").And.Contain("Decisions per day").And.Contain("Scores of the open cases").And.Contain("Time to decision as a share of the SLA");
        html.Should().Contain("data-kpi=\"open\">1<");
    }

    [Fact]
    public async Task The_audit_page_is_for_administrators_and_verifies_the_chain()
    {
        using var moderator = await _host.SignInAsync("mod-a");
        using var admin = await _host.SignInAsync("adm");

        var refused = await moderator.GetAsync("/audit");
        var verified = await admin.GetStringAsync("/audit?verify=true");

        refused.StatusCode.Should().Be(HttpStatusCode.Redirect);
        refused.Headers.Location!.OriginalString.Should().Contain("/account/denied");
        verified.Should().Contain("data-verification=\"intact\"").And.Contain("account.signed-in");
        verified.Should().MatchRegex("<td><time datetime=\"[0-9T:Z-]+\" title=\"[0-9 :-]+ UTC\" data-local-time>", "each row's time is shown in the viewer's zone");
    }
}
