using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Moderation.Standalone.Tests.Review;
using Moderation.Storage.Database;
using Moderation.Testing;

namespace Moderation.Standalone.Tests.Orders;

/// <summary>
/// A takedown is issued by one handler whichever door the officer uses: the JSON API and the
/// officers' page accept and refuse the same orders, and each issued order's message leaves through the outbox.
/// </summary>
public sealed class TakedownIssuingSpecs : IAsyncLifetime
{
    private const string OrdersPage = "/officer/orders";

    private ReviewHost _host = null!;

    public async Task InitializeAsync() => _host = await ReviewHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_page_and_the_api_issue_the_same_order_and_send_it_through_the_outbox()
    {
        await _host.OpenCaseAsync("td-api");
        await _host.OpenCaseAsync("td-page");
        using var api = _host.Factory.CreateClient(TestCredentials.OfficerKey);
        using var page = await _host.SignInAsync("off-bj");
        var deadline = DateTimeOffset.UtcNow.AddDays(2);

        var created = await api.PostAsJsonAsync("/api/v1/takedowns", new { targets = new[] { new { boardId = "demo-board", postId = "td-api" } }, deadline, reason = "Art. 15" });
        var shown = await SubmitAsync(page, posts: "demo-board/td-page", reason: "Art. 15", deadline: deadline.ToString("O"));
        var orders = await api.GetFromJsonAsync<JsonElement>("/api/v1/takedowns");

        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        shown.Should().Contain("sent for 1 post(s).").And.NotContain("class=\"problem\"");
        orders.EnumerateArray().Select(o => o.GetProperty("targets")[0].GetProperty("postId").GetString()).Should().BeEquivalentTo("td-api", "td-page");
        orders.EnumerateArray().Select(o => o.GetProperty("issuedBy").GetString()).Should().BeEquivalentTo("test-officer", "off-bj");
        orders.EnumerateArray().Select(o => o.GetProperty("reason").GetString()).Should().AllBe("Art. 15");
        (await SentTakedownMessagesAsync()).Should().Be(2);
    }

    /// <summary>The API's limit won: the reason travels to the forum in the order, so the page may not send a longer one either.</summary>
    [Fact]
    public async Task A_reason_over_2000_characters_is_refused_through_either_door()
    {
        await _host.OpenCaseAsync("td-long");
        using var api = _host.Factory.CreateClient(TestCredentials.OfficerKey);
        using var page = await _host.SignInAsync("off-bj");
        var deadline = DateTimeOffset.UtcNow.AddDays(2);
        var reason = new string('x', 2001);

        var refused = await api.PostAsJsonAsync("/api/v1/takedowns", new { targets = new[] { new { boardId = "demo-board", postId = "td-long" } }, deadline, reason });
        var shown = await SubmitAsync(page, posts: "demo-board/td-long", reason: reason, deadline: deadline.ToString("O"));

        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ErrorsAsync(refused)).Should().Equal("reason");
        shown.Should().Contain("Reason: required: why the posts must go (at most 2,000 characters)");
        (await api.GetFromJsonAsync<JsonElement>("/api/v1/takedowns")).GetArrayLength().Should().Be(0);
        (await SentTakedownMessagesAsync()).Should().Be(0);
    }

    /// <summary>The API's way won: every mistake at once, so an officer corrects the form in one go rather than one field per round trip.</summary>
    [Fact]
    public async Task Every_wrong_field_is_named_at_once_through_either_door()
    {
        using var api = _host.Factory.CreateClient(TestCredentials.OfficerKey);
        using var page = await _host.SignInAsync("off-bj");
        var past = DateTimeOffset.UtcNow.AddHours(-1);

        var refused = await api.PostAsJsonAsync("/api/v1/takedowns", new { targets = new[] { new { boardId = "demo-board", postId = "td-1" } }, deadline = past, reason = " " });
        var shown = await SubmitAsync(page, posts: "demo-board/td-1", reason: " ", deadline: past.ToString("O"));

        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ErrorsAsync(refused)).Should().BeEquivalentTo("deadline", "reason");
        shown.Should().Contain("Deadline: required, in the future").And.Contain("Reason: required");
    }

    /// <summary>
    /// Blank document ids name nothing: the API used to pass them to storage (a 422) and the page did
    /// the same; both now refuse the request itself, as the API already did for an empty one.
    /// </summary>
    [Fact]
    public async Task A_takedown_naming_no_post_and_no_document_is_an_invalid_request_through_either_door()
    {
        using var api = _host.Factory.CreateClient(TestCredentials.OfficerKey);
        using var page = await _host.SignInAsync("off-bj");
        var deadline = DateTimeOffset.UtcNow.AddDays(2);

        var refused = await api.PostAsJsonAsync("/api/v1/takedowns", new { documentIds = new[] { " " }, deadline, reason = "Art. 15" });
        var shown = await SubmitAsync(page, posts: "", documents: " \n ", reason: "Art. 15", deadline: deadline.ToString("O"));

        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ErrorsAsync(refused)).Should().Equal("targets");
        shown.Should().Contain("Posts or documents: name posts in targets, or protected documents in documentIds.");
    }

    [Fact]
    public async Task A_post_outside_the_area_is_refused_with_the_same_answer_through_either_door()
    {
        using var api = _host.Factory.CreateClient(TestCredentials.OfficerKey);
        using var page = await _host.SignInAsync("off-bj");
        var deadline = DateTimeOffset.UtcNow.AddDays(2);

        var refused = await api.PostAsJsonAsync("/api/v1/takedowns", new { targets = new[] { new { boardId = "demo-board", postId = "nowhere" } }, deadline, reason = "Art. 15" });
        var shown = await SubmitAsync(page, posts: "demo-board/nowhere", reason: "Art. 15", deadline: deadline.ToString("O"));

        refused.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("title").GetString().Should().Be("No order was issued.");
        problem.GetProperty("detail").GetString().Should().StartWith("targets: no post").And.EndWith("within your area 110000");
        shown.Should().Contain("targets: no post").And.Contain("within your area 110000");
    }

    /// <summary>Posts the takedown form as a signed-in officer and returns the orders page it redirects to.</summary>
    private static async Task<string> SubmitAsync(HttpClient page, string posts, string reason, string deadline, string documents = "")
    {
        var token = await ReviewHost.AntiforgeryTokenAsync(page, OrdersPage);
        var response = await page.PostAsync($"{OrdersPage}?handler=Takedown", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["posts"] = posts,
            ["documents"] = documents,
            ["reason"] = reason,
            ["deadline"] = deadline,
            ["__RequestVerificationToken"] = token,
        }));
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        return await page.GetStringAsync(OrdersPage);
    }

    private static async Task<IEnumerable<string>> ErrorsAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();

    private async Task<long> SentTakedownMessagesAsync()
    {
        await using var connection = await _host.Factory.Services.GetRequiredService<ModerationDatabase>().OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM message_outbox WHERE message_type = 'TakedownRequested' AND sent_at IS NOT NULL");
    }
}
