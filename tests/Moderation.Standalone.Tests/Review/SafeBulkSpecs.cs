using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using Moderation.Standalone.Tests.Input;

namespace Moderation.Standalone.Tests.Review;

/// <summary>
/// Bulk decisions that cannot be made by accident, on PostgreSQL: no decision chosen by default; the
/// queue's form first shows the count and the decision and decides nothing; the confirmation decides
/// exactly the cases it named; "all matching" is resolved on the server up to a limit; a case the scan
/// removed is released only after a second look; canned reasons per board.
/// </summary>
public sealed partial class SafeBulkSpecs : IAsyncLifetime
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
    public async Task The_bulk_form_has_no_decision_until_the_moderator_chooses_one()
    {
        await _host.OpenCaseAsync("form-1");

        var html = await _moderator.GetStringAsync("/queue");

        var select = SelectPattern().Match(html);
        select.Success.Should().BeTrue(html);
        var options = OptionPattern().Matches(select.Value).Select(m => m.Value).ToList();
        options[0].Should().Contain("value=\"\"").And.Contain("selected");
        options.Skip(1).Should().HaveCount(3).And.OnlyContain(o => !o.Contains("selected", StringComparison.Ordinal));
        select.Value.Should().Contain("required");
    }

    [Fact]
    public async Task Deciding_a_selection_first_names_the_count_and_the_decision_and_decides_nothing()
    {
        var first = await _host.OpenCaseAsync("step-1");
        var second = await _host.OpenCaseAsync("step-2");

        var response = await PostFormAsync("/queue/bulk", "/queue", [("scope", "selected"), ("selected", Id(first)), ("selected", Id(second)), ("decision", "Release"), ("reason", "one spam wave")]);

        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, html);
        html.Should().Contain("<h1 data-bulk-headline>Release 2 cases?</h1>").And.Contain(">Release 2 cases</button>").And.Contain("data-bulk-cancel");
        (await ScalarAsync<long>("SELECT COUNT(*) FROM review_decisions")).Should().Be(0);
        (await ScalarAsync<long>("SELECT COUNT(*) FROM review_cases WHERE claimed_by IS NOT NULL")).Should().Be(0, "showing the confirmation claims nothing");
    }

    [Fact]
    public async Task A_bulk_form_without_a_decision_is_sent_back_and_decides_nothing()
    {
        var caseId = await _host.OpenCaseAsync("no-choice");

        var response = await PostFormAsync("/queue/bulk", "/queue", [("scope", "selected"), ("selected", Id(caseId)), ("decision", ""), ("reason", "whatever")]);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await _moderator.GetStringAsync(response.Headers.Location!.OriginalString)).Should().Contain("decision must be one of Release, Confirm, Escalate.");
        (await ScalarAsync<long>("SELECT COUNT(*) FROM review_decisions")).Should().Be(0);
    }

    [Fact]
    public async Task The_confirmation_decides_exactly_the_cases_it_named()
    {
        var first = await _host.OpenCaseAsync("conf-1");
        var second = await _host.OpenCaseAsync("conf-2");
        var other = await _host.OpenCaseAsync("conf-3");

        var response = await ConfirmAsync([first, second], confirmedCount: 2, "Escalate");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await _moderator.GetStringAsync(response.Headers.Location!.OriginalString)).Should().Contain("Escalate: 2 of 2 case(s) decided.");
        await using (var connection = await _host.Scratch.Database.OpenAsync(CancellationToken.None))
        {
            (await connection.QueryAsync<long>("SELECT case_id FROM review_decisions ORDER BY case_id")).Should().Equal(first, second);
        }

        (await ScalarAsync<string>("SELECT status FROM review_cases WHERE case_id = @other", new { other })).Should().Be("Open");
    }

    [Theory]
    [InlineData(3)]
    [InlineData(null)]
    public async Task A_confirmation_whose_count_is_not_that_of_its_cases_decides_nothing(int? confirmedCount)
    {
        var first = await _host.OpenCaseAsync("count-1");
        var second = await _host.OpenCaseAsync("count-2");

        var response = await ConfirmAsync([first, second], confirmedCount, "Release");

        (await _moderator.GetStringAsync(response.Headers.Location!.OriginalString)).Should().Contain("The confirmation does not name the cases it decides");
        (await ScalarAsync<long>("SELECT COUNT(*) FROM review_decisions")).Should().Be(0);
    }

    [Fact]
    public async Task All_matching_the_filter_is_resolved_and_counted_on_the_server()
    {
        var high1 = await _host.OpenCaseAsync("match-1", score: 0.95);
        var high2 = await _host.OpenCaseAsync("match-2", score: 0.91);
        var below = await _host.OpenCaseAsync("below", score: 0.6);

        var selection = await _moderator.GetFromJsonAsync<JsonElement>("/api/v1/review/selection?minScore=0.9");
        var page = await PostFormAsync("/queue/bulk?minScore=0.9", "/queue?minScore=0.9", [("scope", "matching"), ("decision", "Confirm"), ("reason", "the same leaked notice")]);

        selection.GetProperty("count").GetInt64().Should().Be(2);
        selection.GetProperty("withinLimit").GetBoolean().Should().BeTrue();
        selection.GetProperty("caseIds").EnumerateArray().Select(e => e.GetInt64()).Should().BeEquivalentTo([high1, high2]);
        var html = await page.Content.ReadAsStringAsync();
        html.Should().Contain("Confirm 2 cases?");
        html.Should().Contain($"name=\"caseIds\" value=\"{high1}\"").And.Contain($"name=\"caseIds\" value=\"{high2}\"").And.NotContain($"name=\"caseIds\" value=\"{below}\"");
    }

    [Fact]
    public async Task A_filter_matching_more_cases_than_one_bulk_decision_takes_is_refused_with_its_count()
    {
        for (var i = 0; i < 201; i++)
        {
            await _host.OpenCaseAsync(string.Create(CultureInfo.InvariantCulture, $"wave-{i}"));
        }

        var selection = await _moderator.GetFromJsonAsync<JsonElement>("/api/v1/review/selection");
        var page = await PostFormAsync("/queue/bulk", "/queue", [("scope", "matching"), ("decision", "Release"), ("reason", "spam wave")]);

        selection.GetProperty("count").GetInt64().Should().Be(201);
        selection.GetProperty("limit").GetInt32().Should().Be(200);
        selection.GetProperty("withinLimit").GetBoolean().Should().BeFalse();
        selection.GetProperty("caseIds").GetArrayLength().Should().Be(0);
        page.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await _moderator.GetStringAsync(page.Headers.Location!.OriginalString)).Should().Contain("201 cases match; one bulk decision takes at most 200.");
        (await ScalarAsync<long>("SELECT COUNT(*) FROM review_decisions")).Should().Be(0);
    }

    [Fact]
    public async Task Releasing_a_removed_case_alone_needs_an_explicit_second_look()
    {
        var caseId = await _host.OpenCaseAsync("removed-1", action: "Remove", score: 1.0);
        var version = await ClaimAsync(caseId);

        var blind = await _moderator.PostAsJsonAsync($"/api/v1/review/cases/{caseId}/decision", new { decision = "Release", reason = "looks fine", version });
        var looked = await _moderator.PostAsJsonAsync($"/api/v1/review/cases/{caseId}/decision", new { decision = "Release", reason = "a public notice", version, secondLook = true });

        (await Problems.ForAsync(blind, "secondLook")).Should().Contain($"Case {caseId} was removed by the scan (score 1.00): releasing it publishes the post");
        looked.StatusCode.Should().Be(HttpStatusCode.OK, await looked.Content.ReadAsStringAsync());
        (await ScalarAsync<long>("SELECT COUNT(*) FROM review_decisions")).Should().Be(1);
    }

    [Fact]
    public async Task The_case_page_asks_for_the_second_look_only_on_a_removed_case()
    {
        var removed = await _host.OpenCaseAsync("removed-page", action: "Remove", score: 0.99);
        var held = await _host.OpenCaseAsync("held-page");
        await ClaimAsync(removed);
        await ClaimAsync(held);

        (await _moderator.GetStringAsync($"/cases/{removed}")).Should().Contain("name=\"secondLook\"");
        (await _moderator.GetStringAsync($"/cases/{held}")).Should().NotContain("name=\"secondLook\"");
    }

    [Fact]
    public async Task A_bulk_release_takes_a_removed_case_only_when_confirmed_and_opened_before()
    {
        var held = await _host.OpenCaseAsync("bulk-held");
        var removed = await _host.OpenCaseAsync("bulk-removed", action: "Remove", score: 0.98);
        var body = new { caseIds = new[] { held, removed }, decision = "Release", reason = "spam wave", requestId = "wave-1" };

        var unconfirmed = await Outcomes(await _moderator.PostAsJsonAsync("/api/v1/review/decisions", body));
        var unopened = await Outcomes(await _moderator.PostAsJsonAsync("/api/v1/review/decisions", new { body.caseIds, body.decision, body.reason, requestId = "wave-2", releaseRemoved = true }));
        (await _moderator.GetAsync($"/cases/{removed}")).EnsureSuccessStatusCode();
        var opened = await Outcomes(await _moderator.PostAsJsonAsync("/api/v1/review/decisions", new { body.caseIds, body.decision, body.reason, requestId = "wave-3", releaseRemoved = true }));

        unconfirmed[held].Outcome.Should().Be("Decided");
        unconfirmed[removed].Outcome.Should().Be("SecondLookNeeded");
        unconfirmed[removed].Problem.Should().Contain("needs their explicit confirmation (releaseRemoved)");
        unopened[removed].Outcome.Should().Be("SecondLookNeeded");
        unopened[removed].Problem.Should().Contain("you have not opened it");
        opened[removed].Outcome.Should().Be("Decided");
        (await ScalarAsync<long>("SELECT COUNT(*) FROM review_decisions")).Should().Be(2);
    }

    [Fact]
    public async Task The_confirmation_lists_the_removed_cases_a_release_would_publish_and_which_were_not_opened()
    {
        var held = await _host.OpenCaseAsync("list-held");
        var removed = await _host.OpenCaseAsync("list-removed", action: "Remove", score: 0.97, title: "被移除的帖子");

        var page = await PostFormAsync("/queue/bulk", "/queue", [("scope", "selected"), ("selected", Id(held)), ("selected", Id(removed)), ("decision", "Release"), ("reason", "spam")]);

        var html = await page.Content.ReadAsStringAsync();
        html.Should().Contain("A second look: 1 of these were removed by the scan").And.Contain("you have not opened 1 of them")
            .And.Contain($"case {removed}: 被移除的帖子").And.Contain("name=\"releaseRemoved\"");
    }

    [Fact]
    public async Task An_administrator_keeps_a_boards_canned_reasons_which_the_decision_forms_offer()
    {
        using var admin = await _host.SignInAsync("adm");
        var caseId = await _host.OpenCaseAsync("canned-1");
        await ClaimAsync(caseId);

        var saved = await admin.PutAsJsonAsync("/api/v1/review/reasons/demo-board", new { reasons = new[] { "Quotes a public notice", "  Spam wave  ", "" } });
        var byModerator = await _moderator.PutAsJsonAsync("/api/v1/review/reasons/demo-board", new { reasons = new[] { "mine" } });
        var listed = await _moderator.GetFromJsonAsync<JsonElement>("/api/v1/review/reasons?board=demo-board");

        saved.StatusCode.Should().Be(HttpStatusCode.NoContent);
        byModerator.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        listed.GetProperty("demo-board").EnumerateArray().Select(e => e.GetString()).Should().Equal("Quotes a public notice", "Spam wave");
        (await _moderator.GetStringAsync($"/cases/{caseId}")).Should().Contain("data-canned-reason").And.Contain("<option value=\"Spam wave\">Spam wave</option>");
        (await _moderator.GetStringAsync("/queue")).Should().Contain("<datalist id=\"canned-reasons\">").And.Contain("<option value=\"Quotes a public notice\"></option>");
        (await ScalarAsync<long>("SELECT COUNT(*) FROM audit_log WHERE action = 'board.canned-reasons' AND subject = 'board:demo-board'")).Should().Be(1);
    }

    [Fact]
    public async Task A_list_of_canned_reasons_with_a_repeat_or_an_overlong_reason_is_refused_naming_reasons()
    {
        using var admin = await _host.SignInAsync("adm");

        var twice = await admin.PutAsJsonAsync("/api/v1/review/reasons/demo-board", new { reasons = new[] { "spam", "spam" } });
        var overlong = await admin.PutAsJsonAsync("/api/v1/review/reasons/demo-board", new { reasons = new[] { new string('x', 201) } });
        var unknown = await admin.PutAsJsonAsync("/api/v1/review/reasons/no-such-board", new { reasons = new[] { "spam" } });

        (await Problems.ForAsync(twice, "reasons")).Should().Contain("\"spam\" is listed 2 times");
        (await Problems.ForAsync(overlong, "reasons")).Should().Contain("reason 1 is 201 characters long; at most 200.");
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await ScalarAsync<long>("SELECT COUNT(*) FROM canned_reasons")).Should().Be(0);
    }

    private async Task<HttpResponseMessage> ConfirmAsync(long[] caseIds, int? confirmedCount, string decision)
    {
        var fields = caseIds.Select(id => ("caseIds", Id(id))).ToList();
        fields.AddRange([("decision", decision), ("reason", "one spam wave"), ("requestId", "bulk-" + Guid.NewGuid().ToString("N"))]);
        if (confirmedCount is { } count)
        {
            fields.Add(("confirmedCount", count.ToString(CultureInfo.InvariantCulture)));
        }

        return await PostFormAsync("/queue/bulk?handler=Confirm", "/queue", fields);
    }

    private Task<HttpResponseMessage> PostFormAsync(string action, string formPage, IEnumerable<(string Name, string Value)> fields) =>
        ReviewHost.PostFormAsync(_moderator, action, formPage, fields);

    private async Task<int> ClaimAsync(long caseId)
    {
        var response = await _moderator.PostAsync($"/api/v1/review/cases/{caseId}/claim", null);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32();
    }

    private static async Task<Dictionary<long, (string? Outcome, string? Problem)>> Outcomes(HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().ToDictionary(
            r => r.GetProperty("caseId").GetInt64(),
            r => (r.GetProperty("outcome").GetString(), r.TryGetProperty("problem", out var p) ? p.GetString() : null));
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private Task<T> ScalarAsync<T>(string sql, object? parameters = null) => _host.ScalarAsync<T>(sql, parameters);

    [GeneratedRegex("<select name=\"decision\"[^>]*data-bulk-decision>.*?</select>", RegexOptions.Singleline)]
    private static partial Regex SelectPattern();

    [GeneratedRegex("<option[^>]*>")]
    private static partial Regex OptionPattern();
}
