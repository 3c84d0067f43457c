using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using Moderation.Contracts;
using Moderation.Standalone.Tests.Input;
using Moderation.Standalone.Tests.Review;
using Moderation.Storage.Boards;
using Moderation.Testing;

namespace Moderation.Standalone.Tests.Ingest;

/// <summary>
/// HTTP ingest in bulk and under concurrency, on PostgreSQL: <c>POST /api/v1/posts/batch</c> answers
/// each post in the order sent, stores and queues the accepted ones and nothing of the refused ones;
/// many single submissions at once are each stored once and scanned.
/// </summary>
public sealed class PostBatchSpecs : IAsyncLifetime
{
    private ReviewHost _host = null!;
    private HttpClient _forum = null!;

    public async Task InitializeAsync()
    {
        _host = await ReviewHost.StartOnPostgresAsync();
        _forum = _host.Factory.CreateClient(TestCredentials.ForumKey);
    }

    public async Task DisposeAsync()
    {
        _forum.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task A_batch_answers_each_post_in_order_storing_and_queueing_the_accepted_and_nothing_of_the_refused()
    {
        var posts = new object[]
        {
            PostsApiSpecs.Post("bulk-1", "今天的菜市场真热闹"),
            PostsApiSpecs.Post("bulk-2", "机密★10年 关于下季度安排"),
            PostsApiSpecs.Post("bulk-bad", "正文") with { AuthorId = "" },
            PostsApiSpecs.Post("bulk-unknown", "正文") with { BoardId = "no-such-board" },
            PostsApiSpecs.Post("bulk-suspended", "正文") with { BoardId = DemoData.SuspendedBoardId },
            PostsApiSpecs.Post("bulk-3", "周末去爬山吗") with { Revision = 2 },
        };

        var response = await _forum.PostAsJsonAsync("/api/v1/posts/batch", new { posts }, WireFormat.Options);
        var text = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        using var answer = JsonDocument.Parse(text);
        answer.RootElement.GetProperty("accepted").GetInt32().Should().Be(3);
        answer.RootElement.GetProperty("rejected").GetInt32().Should().Be(3);
        var results = answer.RootElement.GetProperty("results").EnumerateArray().ToList();
        results.Select(r => r.GetProperty("index").GetInt32()).Should().Equal(0, 1, 2, 3, 4, 5);
        results.Select(r => r.GetProperty("outcome").GetString()).Should().Equal("queued", "queued", "rejected", "rejected", "rejected", "queued");
        results.Select(r => r.GetProperty("status").GetInt32()).Should().Equal(202, 202, 400, 422, 422, 202);
        results[2].GetProperty("errors").GetProperty("authorId")[0].GetString().Should().Contain("authorId");
        results[3].GetProperty("code").GetString().Should().Be("UnknownBoard");
        results[4].GetProperty("code").GetString().Should().Be("BoardSuspended");
        results[5].GetProperty("location").GetString().Should().Be("/api/v1/boards/demo-board/posts/bulk-3");
        text.Should().NotContainAny("System.", "Moderation.");

        foreach (var (postId, action) in new[] { ("bulk-1", "Publish"), ("bulk-2", (string?)null), ("bulk-3", "Publish") })
        {
            var status = await PostsApiSpecs.PollScannedAsync(_forum, $"/api/v1/boards/demo-board/posts/{postId}");
            status.GetProperty("status").GetString().Should().Be("scanned", postId);
            if (action is not null)
            {
                status.GetProperty("action").GetString().Should().Be(action, postId);
            }
        }

        (await StoredAsync("bulk-%")).Should().BeEquivalentTo(["bulk-1", "bulk-2", "bulk-3"]);
    }

    [Theory]
    [InlineData("""{"posts":[]}""", "send at least one post")]
    [InlineData("""{}""", "send at least one post")]
    [InlineData("""{"posts":[null]}""", "a null where a post should be")]
    public async Task An_empty_batch_is_a_400_naming_posts(string json, string says)
    {
        var response = await _forum.PostAsync("/api/v1/posts/batch", new StringContent(json, Encoding.UTF8, "application/json"));

        (await Problems.ForAsync(response, "posts")).Should().Contain(says);
    }

    [Fact]
    public async Task A_batch_over_the_limit_is_a_400_naming_the_limit_and_nothing_is_stored()
    {
        var posts = Enumerable.Range(0, 501).Select(i => PostsApiSpecs.Post($"over-{i}", "正文")).ToArray();

        var response = await _forum.PostAsJsonAsync("/api/v1/posts/batch", new { posts }, WireFormat.Options);

        (await Problems.ForAsync(response, "posts")).Should().Contain("holds 501 posts; at most 500").And.Contain("Moderation:Ingest:MaxPostsPerRequest");
        (await StoredAsync("over-%")).Should().BeEmpty();
    }

    [Fact]
    public async Task A_post_of_the_wrong_kind_in_a_batch_names_where_it_is()
    {
        var json = """{"posts":[{"boardId":"demo-board","postId":"kind-1","revision":"one","channel":"Bbs","authorId":"a","body":"x","submittedAt":"2026-01-01T00:00:00+00:00"}]}""";

        var response = await _forum.PostAsync("/api/v1/posts/batch", new StringContent(json, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, text);
        text.Should().Contain("revision must be a whole number").And.NotContainAny("System.", "Moderation.");
        (await StoredAsync("kind-%")).Should().BeEmpty();
    }

    [Fact]
    public async Task Many_single_submissions_at_once_are_each_stored_once_and_scanned()
    {
        var ids = Enumerable.Range(0, 60).Select(i => $"burst-{i}").ToList();

        // Each revision twice, all at once: the group commit stores each once.
        var responses = await Task.WhenAll(ids.Concat(ids).Select(id => _forum.PostAsJsonAsync("/api/v1/posts", PostsApiSpecs.Post(id, "今天天气不错，出去走走"), WireFormat.Options)));

        responses.Select(r => r.StatusCode).Should().AllBeEquivalentTo(HttpStatusCode.Accepted);
        (await StoredAsync("burst-%")).Should().BeEquivalentTo(ids);
        foreach (var id in new[] { ids[0], ids[^1] })
        {
            (await PostsApiSpecs.PollScannedAsync(_forum, $"/api/v1/boards/demo-board/posts/{id}")).GetProperty("status").GetString().Should().Be("scanned");
        }
    }

    private async Task<List<string>> StoredAsync(string like)
    {
        await using var connection = await _host.Scratch.Database.OpenAsync(CancellationToken.None);
        return [.. await connection.QueryAsync<string>("SELECT post_id FROM posts WHERE post_id LIKE @like", new { like })];
    }
}
