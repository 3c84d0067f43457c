using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Moderation.Contracts;
using Moderation.Storage.Boards;
using Moderation.Storage.Posts;
using Moderation.Testing;

namespace Moderation.Standalone.Tests;

public sealed class PostsApiSpecs : IAsyncLifetime
{
    private ScratchDatabase _scratch = null!;

    public async Task InitializeAsync() => _scratch = await ScratchDatabase.CreateSqliteAsync(migrate: false);

    public async Task DisposeAsync() => await _scratch.DisposeAsync();

    [Fact]
    public async Task A_post_submitted_over_http_is_accepted_scanned_and_its_verdict_read_back()
    {
        await using var app = new StandaloneFactory(_scratch.ConnectionString);
        using var http = app.CreateClient(TestCredentials.ForumKey);
        const string body = "请看：机密★10年 关于下季度安排";

        var response = await http.PostAsJsonAsync("/api/v1/posts", Post("p-1", body), WireFormat.Options);
        var status = await PollScannedAsync(http, response.Headers.Location!.ToString());

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        status.GetProperty("status").GetString().Should().Be("scanned");
        status.GetProperty("revision").GetInt32().Should().Be(0);
        var reason = status.GetProperty("reasons")[0];
        body.Substring(reason.GetProperty("start").GetInt32(), reason.GetProperty("length").GetInt32()).Should().Contain("机密★10年");

        // The embedded default model scores beside the rules, without any setup, and says so.
        using var officer = app.CreateClient(TestCredentials.OfficerKey);
        var scanner = await officer.GetFromJsonAsync<JsonElement>("/api/v1/scanner");
        string modelVersion = scanner.GetProperty("modelVersion").GetString()!;
        var model = status.GetProperty("reasons").EnumerateArray().Single(r => r.GetProperty("rule").GetString() == "model");
        model.GetProperty("model").GetString().Should().Be(modelVersion);
        double modelWeight = model.GetProperty("weight").GetDouble();
        model.GetProperty("probability").GetDouble().Should().BeInRange(0, 1);
        double score = status.GetProperty("score").GetDouble();
        score.Should().BeApproximately(1 - ((1 - reason.GetProperty("weight").GetDouble()) * (1 - modelWeight)), 1e-3);
        status.GetProperty("action").GetString().Should().Be(score >= 0.9 ? "Remove" : "Hold", "a marking (0.75) corroborates a removal once the model brings the score to 0.9");
    }

    [Fact]
    public async Task A_malformed_post_gets_a_problem_per_field_and_nothing_is_stored()
    {
        await using var app = new StandaloneFactory(_scratch.ConnectionString);
        using var http = app.CreateClient(TestCredentials.ForumKey);

        var response = await http.PostAsync("/api/v1/posts", new StringContent("""{"boardId":"demo-board","postId":"p-2","channel":"forum"}""", Encoding.UTF8, "application/json"));
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var errors = problem.RootElement.GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).Should().BeEquivalentTo("authorId", "channel", "body", "submittedAt");
        errors.GetProperty("body")[0].GetString().Should().Contain("send the post's text");
        (await http.GetAsync("/api/v1/boards/demo-board/posts/p-2")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_answered_with_where_it_broke()
    {
        await using var app = new StandaloneFactory(_scratch.ConnectionString);
        using var http = app.CreateClient(TestCredentials.ForumKey);

        var response = await http.PostAsync("/api/v1/posts", new StringContent("{\"boardId\": \"demo-board\",\n \"revision\": \"one\"}", Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        text.Should().Contain("revision must be a whole number (line 2, byte").And.NotContain("System.");
    }

    [Fact]
    public async Task A_post_for_an_unknown_or_suspended_board_is_refused_with_the_reason()
    {
        await using var app = new StandaloneFactory(_scratch.ConnectionString);
        using var http = app.CreateClient(TestCredentials.ForumKey);

        var unknown = await http.PostAsJsonAsync("/api/v1/posts", Post("p-3", "hi") with { BoardId = "nope" }, WireFormat.Options);
        var suspended = await http.PostAsJsonAsync("/api/v1/posts", Post("p-4", "hi") with { BoardId = DemoData.SuspendedBoardId }, WireFormat.Options);

        unknown.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await unknown.Content.ReadAsStringAsync()).Should().Contain("'nope' is not registered").And.Contain("UnknownBoard");
        suspended.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await suspended.Content.ReadAsStringAsync()).Should().Contain("BoardSuspended");
    }

    [Fact]
    public async Task A_post_accepted_but_not_scanned_before_a_restart_is_scanned_after_it()
    {
        // As if the process stopped right after storing the post: it is in the database, never queued.
        await using (var first = new StandaloneFactory(_scratch.ConnectionString))
        {
            first.CreateClient().Dispose();
        }

        await new PostRepository(_scratch.Database).AcceptAsync(new PostRecord
        {
            BoardId = DemoData.ApprovedBoardId,
            PostId = "left-behind",
            Channel = "Bbs",
            AuthorId = "a-1",
            Body = "绝密★长期 内部资料 不得外传",
            SubmittedAt = DateTimeOffset.UtcNow.AddMinutes(-1),
            ReceivedAt = DateTimeOffset.UtcNow.AddMinutes(-1),
        }, CancellationToken.None);

        await using var restarted = new StandaloneFactory(_scratch.ConnectionString);
        using var http = restarted.CreateClient(TestCredentials.ForumKey);
        var status = await PollScannedAsync(http, "/api/v1/boards/demo-board/posts/left-behind");

        status.GetProperty("action").GetString().Should().Be("Remove");
    }

    [Fact]
    public async Task An_unknown_post_is_a_404_problem()
    {
        await using var app = new StandaloneFactory(_scratch.ConnectionString);
        using var http = app.CreateClient(TestCredentials.ForumKey);

        var response = await http.GetAsync("/api/v1/boards/demo-board/posts/never");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).Should().Contain("No post 'never'");
    }

    internal static PostSubmitted Post(string postId, string body) => new()
    {
        BoardId = DemoData.ApprovedBoardId,
        PostId = postId,
        Channel = Channel.Bbs,
        AuthorId = "author-1",
        Body = body,
        SubmittedAt = DateTimeOffset.UtcNow.AddSeconds(-1),
    };

    internal static async Task<JsonElement> PollScannedAsync(HttpClient http, string location)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var response = await http.GetAsync(location);
            if (response.IsSuccessStatusCode)
            {
                using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                if (document.RootElement.GetProperty("status").GetString() == "scanned" || DateTime.UtcNow > deadline)
                {
                    return document.RootElement.Clone();
                }
            }
            else if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{location} answered {(int)response.StatusCode} until the deadline.");
            }

            await Task.Delay(100);
        }
    }
}
