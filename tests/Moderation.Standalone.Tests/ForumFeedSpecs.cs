using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Moderation.Standalone.Tests.Review;
using Moderation.Testing;

namespace Moderation.Standalone.Tests;

/// <summary>
/// A forum that reads over HTTP learns every decision a forum on the broker learns: a post's read-back
/// follows moderators and departments, with its history, and the verdict feed gives every message
/// sent to the operator since a cursor.
/// </summary>
public sealed class ForumFeedSpecs : IAsyncLifetime
{
    private ReviewHost _host = null!;

    public async Task InitializeAsync() => _host = await ReviewHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_released_post_reads_back_the_moderators_verdict_with_its_history()
    {
        var caseId = await _host.OpenCaseAsync("feed-release");
        await DecideAsync(caseId, "Release");
        using var forum = _host.Factory.CreateClient(TestCredentials.ForumKey);

        var status = await forum.GetFromJsonAsync<JsonElement>("/api/v1/boards/demo-board/posts/feed-release");

        status.GetProperty("action").GetString().Should().Be("Publish");
        status.GetProperty("stage").GetString().Should().Be("Review");
        var history = status.GetProperty("history").EnumerateArray().ToList();
        history.Select(h => $"{h.GetProperty("stage").GetString()}:{h.GetProperty("action").GetString()}").Should().Equal("Scan:Hold", "Review:Publish");
        history.Select(h => h.GetProperty("revision").GetInt32()).Should().AllBeEquivalentTo(0);
    }

    [Fact]
    public async Task A_confirmed_post_reads_back_removed_by_review()
    {
        var caseId = await _host.OpenCaseAsync("feed-confirm");
        await DecideAsync(caseId, "Confirm");
        using var forum = _host.Factory.CreateClient(TestCredentials.ForumKey);

        var status = await forum.GetFromJsonAsync<JsonElement>("/api/v1/boards/demo-board/posts/feed-confirm");

        status.GetProperty("action").GetString().Should().Be("Remove");
        status.GetProperty("stage").GetString().Should().Be("Review");
    }

    [Fact]
    public async Task A_takedown_order_reads_back_as_the_latest_decision_on_the_post()
    {
        var caseId = await _host.OpenCaseAsync("feed-order");
        await DecideAsync(caseId, "Release");
        using var officer = _host.Factory.CreateClient(TestCredentials.OfficerKey);
        var issued = await officer.PostAsJsonAsync("/api/v1/takedowns",
            new { targets = new[] { new { boardId = "demo-board", postId = "feed-order" } }, deadline = DateTimeOffset.UtcNow.AddDays(1), reason = "Art. 15" });
        issued.StatusCode.Should().Be(HttpStatusCode.Created, await issued.Content.ReadAsStringAsync());
        using var forum = _host.Factory.CreateClient(TestCredentials.ForumKey);

        var status = await forum.GetFromJsonAsync<JsonElement>("/api/v1/boards/demo-board/posts/feed-order");

        status.GetProperty("action").GetString().Should().Be("Remove");
        status.GetProperty("stage").GetString().Should().Be("Order");
        var last = status.GetProperty("history").EnumerateArray().Last();
        last.GetProperty("orderId").GetString().Should().NotBeNullOrEmpty();
        last.GetProperty("revision").ValueKind.Should().Be(JsonValueKind.Null, "an order covers every revision");
    }

    [Fact]
    public async Task The_feed_gives_every_message_since_the_cursor_once_and_in_order()
    {
        var held = await _host.OpenCaseAsync("feed-1");
        await _host.OpenCaseAsync("feed-2");
        await DecideAsync(held, "Release");
        using var forum = _host.Factory.CreateClient(TestCredentials.ForumKey);

        // Messages settle for a few seconds before the feed shows them.
        var first = await ReadUntilAsync(forum, 0, page => page.GetProperty("items").GetArrayLength() >= 3);
        var items = first.GetProperty("items").EnumerateArray().ToList();
        var next = first.GetProperty("next").GetInt64();
        var again = await forum.GetFromJsonAsync<JsonElement>($"/api/v1/verdicts?after={next}");

        items.Select(i => i.GetProperty("type").GetString()).Should().Equal("PostVerdict", "PostVerdict", "PostVerdict");
        items.Select(i => $"{i.GetProperty("message").GetProperty("postId").GetString()}:{i.GetProperty("message").GetProperty("stage").GetString()}")
            .Should().Equal("feed-1:Scan", "feed-2:Scan", "feed-1:Review");
        items.Select(i => i.GetProperty("cursor").GetInt64()).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        next.Should().Be(items[^1].GetProperty("cursor").GetInt64());
        again.GetProperty("items").GetArrayLength().Should().Be(0);
        again.GetProperty("next").GetInt64().Should().Be(next, "the cursor stays put when nothing is new");
        var onePage = await forum.GetFromJsonAsync<JsonElement>("/api/v1/verdicts?after=0&limit=1");
        onePage.GetProperty("items").GetArrayLength().Should().Be(1);
    }

    [Theory]
    [InlineData("after=-1", "after")]
    [InlineData("after=abc", "after")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=501", "limit")]
    public async Task A_malformed_feed_request_names_the_parameter(string query, string field)
    {
        using var forum = _host.Factory.CreateClient(TestCredentials.ForumKey);

        var response = await forum.GetAsync($"/api/v1/verdicts?{query}");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Equal(field);
    }

    [Fact]
    public async Task A_forum_registers_a_webhook_sees_its_secret_once_and_can_remove_it()
    {
        using var forum = _host.Factory.CreateClient(TestCredentials.ForumKey);

        var refused = await forum.PutAsJsonAsync("/api/v1/webhook", new { url = "ftp://forum.example/hook" });
        var registered = await forum.PutAsJsonAsync("/api/v1/webhook", new { url = "https://forum.example/hook" });
        var created = await registered.Content.ReadFromJsonAsync<JsonElement>();
        var shown = await forum.GetFromJsonAsync<JsonElement>("/api/v1/webhook");
        var removed = await forum.DeleteAsync("/api/v1/webhook");
        var gone = await forum.GetAsync("/api/v1/webhook");

        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Equal("url");
        registered.StatusCode.Should().Be(HttpStatusCode.OK, await registered.Content.ReadAsStringAsync());
        created.GetProperty("secret").GetString().Should().StartWith("whsec_");
        shown.GetProperty("url").GetString().Should().Be("https://forum.example/hook");
        shown.TryGetProperty("secret", out _).Should().BeFalse("the secret is shown once, when it is made");
        removed.StatusCode.Should().Be(HttpStatusCode.NoContent);
        gone.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    private async Task DecideAsync(long caseId, string decision)
    {
        using var moderator = await _host.SignInAsync("mod-a");
        var claim = await (await moderator.PostAsync($"/api/v1/review/cases/{caseId}/claim", null)).Content.ReadFromJsonAsync<JsonElement>();
        var decided = await moderator.PostAsJsonAsync($"/api/v1/review/cases/{caseId}/decision",
            new { decision, reason = "checked by hand", version = claim.GetProperty("version").GetInt32() });
        decided.StatusCode.Should().Be(HttpStatusCode.OK, await decided.Content.ReadAsStringAsync());
    }

    private static async Task<JsonElement> ReadUntilAsync(HttpClient forum, long after, Func<JsonElement, bool> enough)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var page = await forum.GetFromJsonAsync<JsonElement>($"/api/v1/verdicts?after={after}");
            if (enough(page) || DateTime.UtcNow > deadline)
            {
                return page;
            }

            await Task.Delay(200);
        }
    }
}
