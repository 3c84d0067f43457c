using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using Dapper;
using Moderation.Testing;

namespace Moderation.Standalone.Tests.Review;

/// <summary>The review queue over HTTP on the standalone host: claims, decisions and their effects, scoping.</summary>
public sealed class ReviewApiSpecs : IAsyncLifetime
{
    private ReviewHost _host = null!;

    public async Task InitializeAsync() => _host = await ReviewHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_released_post_is_published_to_the_forum_with_a_review_verdict()
    {
        var caseId = await _host.OpenCaseAsync("rel-1");
        using var moderator = await _host.SignInAsync("mod-a");

        var claim = await ClaimAsync(moderator, caseId);
        var decided = await moderator.PostAsJsonAsync($"/api/v1/review/cases/{caseId}/decision",
            new { decision = "Release", reason = "a quotation from a public notice", version = claim.GetProperty("version").GetInt32() });

        decided.StatusCode.Should().Be(HttpStatusCode.OK, await decided.Content.ReadAsStringAsync());
        var verdict = await ScalarAsync<string>("SELECT payload_json FROM message_outbox WHERE payload_json LIKE '%\"stage\":\"Review\"%'");
        using var json = JsonDocument.Parse(verdict);
        json.RootElement.GetProperty("action").GetString().Should().Be("Publish");
        json.RootElement.GetProperty("postId").GetString().Should().Be("rel-1");
        (await ScalarAsync<string>("SELECT decided_by FROM review_decisions")).Should().Be("mod-a");
        (await ScalarAsync<string>("SELECT status FROM review_cases")).Should().Be("Released");
    }

    [Fact]
    public async Task A_decision_needs_a_reason_and_says_which_field_is_missing()
    {
        var caseId = await _host.OpenCaseAsync("no-reason");
        using var moderator = await _host.SignInAsync("mod-a");
        var claim = await ClaimAsync(moderator, caseId);

        var response = await moderator.PostAsJsonAsync($"/api/v1/review/cases/{caseId}/decision",
            new { decision = "Release", reason = "  ", version = claim.GetProperty("version").GetInt32() });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("reason is missing");
        (await ScalarAsync<long>("SELECT COUNT(*) FROM review_decisions")).Should().Be(0);
    }

    [Fact]
    public async Task The_same_decision_sent_twice_is_decided_once()
    {
        var caseId = await _host.OpenCaseAsync("twice");
        using var moderator = await _host.SignInAsync("mod-a");
        var claim = await ClaimAsync(moderator, caseId);
        var body = new { decision = "Release", reason = "harmless", version = claim.GetProperty("version").GetInt32(), requestId = "req-42" };

        var first = await moderator.PostAsJsonAsync($"/api/v1/review/cases/{caseId}/decision", body);
        var second = await moderator.PostAsJsonAsync($"/api/v1/review/cases/{caseId}/decision", body);

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        second.StatusCode.Should().Be(HttpStatusCode.OK);
        (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("replayed").GetBoolean().Should().BeTrue();
        (await ScalarAsync<long>("SELECT COUNT(*) FROM review_decisions")).Should().Be(1);
        (await ScalarAsync<long>("SELECT COUNT(*) FROM message_outbox WHERE payload_json LIKE '%\"stage\":\"Review\"%'")).Should().Be(1);
    }

    [Fact]
    public async Task Confirming_opens_an_incident_and_registers_the_text_so_a_repost_is_caught()
    {
        const string Body = "绝密★长期 第三批次物资的交付地点改为西郊仓库，时间定在下周二凌晨三点，由老王带队押运，沿途不得停留，到达后立即清点入库并报告指挥部，任何人不得对外透露行程安排。";
        var caseId = await _host.OpenCaseAsync("secret-1", Body.Replace("绝密★长期", "机密★10年", StringComparison.Ordinal));
        using var moderator = await _host.SignInAsync("mod-a");
        var claim = await ClaimAsync(moderator, caseId);

        var decided = await moderator.PostAsJsonAsync($"/api/v1/review/cases/{caseId}/decision",
            new { decision = "Confirm", reason = "operational details of a classified shipment", version = claim.GetProperty("version").GetInt32() });

        decided.StatusCode.Should().Be(HttpStatusCode.OK, await decided.Content.ReadAsStringAsync());
        (await decided.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("incidentId").GetInt64().Should().BePositive();
        (await ScalarAsync<string>("SELECT masked_excerpt FROM incidents")).Should().StartWith("机密★10年").And.NotContain("西郊仓库");
        (await ScalarAsync<long>("SELECT COUNT(*) FROM notification_outbox")).Should().Be(1);
        (await ScalarAsync<string>("SELECT registered_by FROM protected_documents WHERE document_id = @id", new { id = $"confirmed-case-{caseId}" })).Should().Be("mod-a");

        // The same text posted again is caught by its fingerprint, not only by its marking.
        using var forum = _host.Factory.CreateClient(TestCredentials.ForumKey);
        var repost = await forum.PostAsJsonAsync("/api/v1/posts", PostsApiSpecs.Post("repost-1", Body[6..]), Moderation.Contracts.WireFormat.Options);
        var status = await PostsApiSpecs.PollScannedAsync(forum, repost.Headers.Location!.ToString());
        status.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("category").GetString()).Should().Contain("fingerprint");
    }

    [Fact]
    public async Task Escalating_hands_the_case_to_the_officer_and_takes_it_out_of_the_open_queue()
    {
        var caseId = await _host.OpenCaseAsync("esc-1");
        using var moderator = await _host.SignInAsync("mod-a");
        var claim = await ClaimAsync(moderator, caseId);

        await moderator.PostAsJsonAsync($"/api/v1/review/cases/{caseId}/decision", new { decision = "Escalate", reason = "needs the department", version = claim.GetProperty("version").GetInt32() });

        (await Ids(moderator, "")).Should().NotContain(caseId);
        (await Ids(moderator, "?state=Escalated")).Should().Contain(caseId);
        (await ScalarAsync<long>("SELECT COUNT(*) FROM message_outbox WHERE payload_json LIKE '%\"stage\":\"Review\"%'")).Should().Be(0, "an escalated post stays held");
    }

    [Fact]
    public async Task A_bulk_decision_decides_the_free_cases_and_names_the_ones_another_moderator_holds()
    {
        var free1 = await _host.OpenCaseAsync("bulk-1");
        var free2 = await _host.OpenCaseAsync("bulk-2");
        var held = await _host.OpenCaseAsync("bulk-3");
        using var admin = await _host.SignInAsync("adm");
        await ClaimAsync(admin, held);
        using var moderator = await _host.SignInAsync("mod-a");

        var response = await moderator.PostAsJsonAsync("/api/v1/review/decisions", new { caseIds = new[] { free1, free2, held }, decision = "Release", reason = "same spam wave", requestId = "bulk-7" });
        var again = await moderator.PostAsJsonAsync("/api/v1/review/decisions", new { caseIds = new[] { free1, free2, held }, decision = "Release", reason = "same spam wave", requestId = "bulk-7" });

        var results = (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().ToDictionary(r => r.GetProperty("caseId").GetInt64(), r => r.GetProperty("outcome").GetString());
        results.Should().BeEquivalentTo(new Dictionary<long, string?> { [free1] = "Decided", [free2] = "Decided", [held] = "Refused" });
        var retried = (await again.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Select(r => r.GetProperty("outcome").GetString());
        retried.Should().BeEquivalentTo(["Replayed", "Replayed", "Refused"]);
        (await ScalarAsync<long>("SELECT COUNT(*) FROM review_decisions")).Should().Be(2);
    }

    [Fact]
    public async Task A_moderator_sees_and_touches_only_the_cases_of_their_boards()
    {
        var mine = await _host.OpenCaseAsync("mine", board: "demo-board");
        var theirs = await _host.OpenCaseAsync("theirs", board: "demo-suspended");
        using var moderator = await _host.SignInAsync("mod-a");

        (await Ids(moderator, "")).Should().Equal(mine);
        (await moderator.GetAsync($"/api/v1/review/cases/{theirs}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await moderator.PostAsync($"/api/v1/review/cases/{theirs}/claim", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await moderator.PostAsJsonAsync($"/api/v1/review/cases/{theirs}/decision", new { decision = "Release", reason = "x", version = 1 })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await moderator.GetAsync($"/cases/{theirs}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await ScalarAsync<string?>("SELECT claimed_by FROM review_cases WHERE post_id = 'theirs'")).Should().BeNull();
    }

    [Fact]
    public async Task A_filter_with_a_wrong_value_is_refused_naming_the_field()
    {
        using var moderator = await _host.SignInAsync("mod-a");

        var response = await moderator.GetAsync("/api/v1/review/cases?minScore=high&sort=random&minAge=yesterday");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).Should().BeEquivalentTo("minScore", "sort", "minAge");
    }

    private static async Task<JsonElement> ClaimAsync(HttpClient http, long caseId)
    {
        var response = await http.PostAsync($"/api/v1/review/cases/{caseId}/claim", null);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<long[]> Ids(HttpClient http, string query)
    {
        var page = await http.GetFromJsonAsync<JsonElement>("/api/v1/review/cases" + query);
        return [.. page.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("caseId").GetInt64())];
    }

    private async Task<T> ScalarAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = await _host.Scratch.Database.OpenAsync(CancellationToken.None);
        return (await connection.ExecuteScalarAsync<T>(sql, parameters))!;
    }
}
