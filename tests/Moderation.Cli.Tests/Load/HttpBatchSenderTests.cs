using System.Net;
using System.Text;
using System.Text.Json;
using Moderation.Cli.Load;
using Moderation.Contracts;

namespace Moderation.Cli.Tests.Load;

/// <summary>
/// The bulk sender against an HTTP handler that answers as the Api's bulk endpoint does (its
/// contract is specified against the real Api in <c>PostBatchSpecs</c>, and the whole run in
/// <c>LoadGeneratorSpecs</c>): how posts are grouped into requests, and how each post's answer is
/// read from its place in the batch.
/// </summary>
public sealed class HttpBatchSenderTests
{
    private static readonly LoadOperator[] Operators =
    [
        new("op-a", ["board-a"], "key-of-operator-a-0000000000", null, null, "verdicts.op-a"),
        new("op-b", ["board-b"], "key-of-operator-b-0000000000", null, null, "verdicts.op-b"),
    ];

    private static List<LoadPost> Posts(int count) =>
        [.. PostMix.Generate(count, ["board-a", "board-b"], [0, 1], new MixSettings(0.7, 0.05, 0, 7), DateTimeOffset.Parse("2026-12-07T12:00:00+08:00"))];

    [Fact]
    public async Task Posts_go_in_requests_of_one_operator_each_carrying_its_key_and_the_posts_wire_form()
    {
        var api = new BulkEndpoint(_ => "queued");
        var posts = Posts(60);
        await using (var sender = new HttpBatchSender(new Uri("http://api.test"), Operators, batchSize: 25, api))
        {
            var answers = await Task.WhenAll(posts.Select(p => sender.SendAsync(p, Wire(p), CancellationToken.None)));
            answers.Should().OnlyContain(a => a == null);
        }

        api.Requests.Should().OnlyContain(r => r.Path == "/api/v1/posts/batch");
        api.Requests.Should().OnlyContain(r => r.Posts.Count >= 1 && r.Posts.Count <= 25);
        api.Requests.Should().OnlyContain(r => r.Posts.All(p => p.BoardId == (r.Key == Operators[0].ApiKey ? "board-a" : "board-b")), "a request carries one operator's posts under its own key");
        api.Requests.SelectMany(r => r.Posts).Select(p => (p.BoardId, p.PostId, p.Revision, p.Body))
            .Should().BeEquivalentTo(posts.Select(p => (p.Post.BoardId, p.Post.PostId, p.Post.Revision, p.Post.Body)), "every post is sent once, as it is");
    }

    [Fact]
    public async Task Each_post_is_answered_from_its_own_place_in_the_results()
    {
        var posts = Posts(12);
        var refused = posts[3].Post.PostId;
        var throttled = posts[8].Post.PostId;
        var api = new BulkEndpoint(p => p.PostId == refused ? "403" : p.PostId == throttled ? "429" : "queued");
        SendFailure?[] answers;
        await using (var sender = new HttpBatchSender(new Uri("http://api.test"), Operators, batchSize: 100, api))
        {
            answers = await Task.WhenAll(posts.Select(p => sender.SendAsync(p, Wire(p), CancellationToken.None)));
        }

        answers.Where((_, i) => i is not (3 or 8)).Should().OnlyContain(a => a == null);
        answers[3]!.Transient.Should().BeFalse("a refusal about the post would be refused again");
        answers[3]!.Message.Should().Contain(posts[3].Key.ToString()).And.Contain("403").And.Contain("board is suspended");
        answers[8]!.Transient.Should().BeTrue("too many requests is sent again");
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, true)]
    [InlineData(HttpStatusCode.TooManyRequests, true)]
    [InlineData(HttpStatusCode.BadRequest, false)]
    public async Task A_refused_request_answers_every_post_in_it_alike(HttpStatusCode status, bool transient)
    {
        var api = new BulkEndpoint(_ => "queued") { WholeRequest = status };
        var posts = Posts(5);
        SendFailure?[] answers;
        await using (var sender = new HttpBatchSender(new Uri("http://api.test"), Operators, batchSize: 100, api))
        {
            answers = await Task.WhenAll(posts.Select(p => sender.SendAsync(p, Wire(p), CancellationToken.None)));
        }

        answers.Should().OnlyContain(a => a != null && a.Transient == transient && a.Message.Contains(((int)status).ToString()));
    }

    private static ReadOnlyMemory<byte> Wire(LoadPost post) => JsonSerializer.SerializeToUtf8Bytes(post.Post, WireFormat.Options);

    private sealed record SentRequest(string Path, string? Key, IReadOnlyList<PostSubmitted> Posts);

    /// <summary>Answers as <c>POST /api/v1/posts/batch</c> does: 200 with one result per post, by index; <see cref="WholeRequest"/> refuses the request itself.</summary>
    private sealed class BulkEndpoint(Func<PostSubmitted, string> outcome) : HttpMessageHandler
    {
        private readonly object _gate = new();

        public List<SentRequest> Requests { get; } = [];

        public HttpStatusCode? WholeRequest { get; init; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            using var body = JsonDocument.Parse(await request.Content!.ReadAsStringAsync(cancellationToken));
            var posts = body.RootElement.GetProperty("posts").EnumerateArray().Select(p => p.Deserialize<PostSubmitted>(WireFormat.Options)!).ToList();
            lock (_gate)
            {
                Requests.Add(new SentRequest(request.RequestUri!.AbsolutePath, request.Headers.Authorization?.Parameter, posts));
            }

            if (WholeRequest is { } status)
            {
                return new HttpResponseMessage(status) { Content = new StringContent($"{{\"title\":\"refused with {(int)status}\"}}", Encoding.UTF8, "application/problem+json") };
            }

            var results = posts.Select((p, i) => outcome(p) switch
            {
                "queued" => (object)new { index = i, boardId = p.BoardId, postId = p.PostId, revision = p.Revision, outcome = "queued", location = "/x", status = 202 },
                var code => new { index = i, boardId = p.BoardId, postId = p.PostId, revision = p.Revision, outcome = "rejected", status = int.Parse(code), title = "Refused", detail = code == "403" ? "The board is suspended." : "Too many posts." },
            }).ToList();
            var answer = JsonSerializer.Serialize(new { accepted = results.Count, rejected = 0, results });
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(answer, Encoding.UTF8, "application/json") };
        }
    }
}
