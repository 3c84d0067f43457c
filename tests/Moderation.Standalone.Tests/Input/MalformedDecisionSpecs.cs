using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using Moderation.Standalone.Tests.Review;
using Moderation.Testing;

namespace Moderation.Standalone.Tests.Input;

/// <summary>
/// Decisions on PostgreSQL: a NUL in a reason or a bulk requestId (formerly a 500) and a body or query
/// value of the wrong kind are 400s naming the field in the contract's words, and nothing is decided.
/// </summary>
public sealed class MalformedDecisionSpecs : IAsyncLifetime
{
    private ReviewHost _host = null!;

    public async Task InitializeAsync() => _host = await ReviewHost.StartOnPostgresAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_nul_in_a_decision_reason_is_a_400_naming_reason()
    {
        var caseId = await _host.OpenCaseAsync("reason-nul");
        using var moderator = await _host.SignInAsync("mod-a");
        var version = await ClaimAsync(moderator, caseId);

        var response = await PostJsonAsync(moderator, $"/api/v1/review/cases/{caseId}/decision",
            $$"""{"decision":"Release","reason":"harmless\u0000","version":{{version}}}""");

        (await Problems.ForAsync(response, "reason")).Should().Contain("reason contains a control character (U+0000) at position 8");
        (await DecisionsAsync()).Should().Be(0);
    }

    [Theory]
    [InlineData("bulk\\u0000", "U+0000")]
    [InlineData("bulk/1", "is not an id")]
    public async Task A_bulk_request_id_that_is_not_an_id_is_a_400_naming_request_id(string requestId, string says)
    {
        var caseId = await _host.OpenCaseAsync("bulk-nul");
        using var moderator = await _host.SignInAsync("mod-a");

        var response = await PostJsonAsync(moderator, "/api/v1/review/decisions",
            $$"""{"caseIds":[{{caseId}}],"decision":"Release","reason":"harmless","requestId":"{{requestId}}"}""");

        (await Problems.ForAsync(response, "requestId")).Should().Contain(says);
        (await DecisionsAsync()).Should().Be(0);
    }

    [Fact]
    public async Task A_version_of_the_wrong_kind_names_version_and_the_kind_not_a_dotnet_type()
    {
        var caseId = await _host.OpenCaseAsync("version-kind");
        using var moderator = await _host.SignInAsync("mod-a");

        var response = await PostJsonAsync(moderator, $"/api/v1/review/cases/{caseId}/decision", """{"decision":"Release","reason":"harmless","version":"seven"}""");

        (await Problems.ForAsync(response, "version")).Should().Contain("version must be a whole number");
    }

    [Fact]
    public async Task A_body_that_is_not_an_object_or_missing_says_so_without_naming_code()
    {
        var caseId = await _host.OpenCaseAsync("no-body");
        using var moderator = await _host.SignInAsync("mod-a");

        var array = await PostJsonAsync(moderator, $"/api/v1/review/cases/{caseId}/decision", "[]");
        var empty = await moderator.PostAsync($"/api/v1/review/cases/{caseId}/decision", null);

        var arrayText = await array.Content.ReadAsStringAsync();
        array.StatusCode.Should().Be(HttpStatusCode.BadRequest, arrayText);
        arrayText.Should().Contain("The body must be a JSON object").And.NotContain("DecisionBody");
        var emptyText = await empty.Content.ReadAsStringAsync();
        empty.StatusCode.Should().Be(HttpStatusCode.BadRequest, emptyText);
        emptyText.Should().Contain("The request has no body").And.NotContain("Implicit");
    }

    [Fact]
    public async Task A_claim_version_in_the_query_of_the_wrong_kind_names_version()
    {
        var caseId = await _host.OpenCaseAsync("release-kind");
        using var moderator = await _host.SignInAsync("mod-a");

        var response = await moderator.DeleteAsync($"/api/v1/review/cases/{caseId}/claim?version=abc");

        (await Problems.ForAsync(response, "version")).Should().Be("version 'abc' is not a whole number.");
    }

    [Fact]
    public async Task A_nul_in_a_page_form_is_a_400_not_a_500()
    {
        using var http = _host.Anonymous();

        var response = await ReviewHost.SubmitSignInAsync(http, "mod-a\0", "whatever");

        (await Problems.OnPageAsync(response)).Should().Contain("NUL (%00)");
    }

    [Fact]
    public async Task A_control_character_in_a_decision_form_names_the_field()
    {
        var caseId = await _host.OpenCaseAsync("form-escape");
        using var moderator = await _host.SignInAsync("mod-a");
        var token = await ReviewHost.AntiforgeryTokenAsync(moderator, "/queue");

        var response = await moderator.PostAsync("/queue/bulk", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["selected"] = caseId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["decision"] = "Release",
            ["reason"] = "harmless \u001b[0m",
            ["__RequestVerificationToken"] = token,
        }));

        (await Problems.OnPageAsync(response)).Should().Contain("reason contains a control character (U+001B) at position 9");
        (await DecisionsAsync()).Should().Be(0);
    }

    private static Task<HttpResponseMessage> PostJsonAsync(HttpClient http, string path, string json) =>
        http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    private static async Task<int> ClaimAsync(HttpClient http, long caseId)
    {
        var response = await http.PostAsync($"/api/v1/review/cases/{caseId}/claim", null);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32();
    }

    private async Task<long> DecisionsAsync()
    {
        await using var connection = await _host.Scratch.Database.OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM review_decisions");
    }
}
