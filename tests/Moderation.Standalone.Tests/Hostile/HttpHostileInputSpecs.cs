using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Moderation.Standalone.Tests.Input;
using Moderation.Standalone.Tests.Review;
using Moderation.Standalone.Tests.Security;
using Moderation.Testing;

namespace Moderation.Standalone.Tests.Hostile;

/// <summary>
/// The HTTP API and the pages on PostgreSQL under hostile input: sizes past the documented limits
/// (a 100,000-character title, a 10 MB body), deeply nested JSON, unknown enum values, values of the
/// wrong kind, SQL and script in every field and every query parameter, path tricks in ids, and a
/// flood of posts from one operator. Each is a clear refusal naming the field or the limit, or is
/// stored as the text it is; none is a 500 or shows a stack trace, and a refused post stores nothing.
/// </summary>
[Collection(HostileCollection.Name)]
public sealed class HttpHostileInputSpecs(HostileHost fixture)
{
    private const string Sql = "'; DROP TABLE posts; --";
    private const string OrTrue = "' OR '1'='1";
    private const string Script = "<script>alert(1)</script>";

    // CJK written as it is, so a case can find "标题" in the JSON and replace it.
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private ReviewHost _host => fixture.Review;
    private HttpClient _forum => fixture.Forum;
    private HttpClient _admin => fixture.Admin;

    [Fact]
    public async Task A_title_of_100000_characters_is_refused_naming_the_limit_and_nothing_is_stored()
    {
        var before = await PostsStoredAsync();
        var response = await SubmitAsync(Post("long-title", title: new string('题', 100_000)));

        (await Problems.ForAsync(response, "title")).Should().Contain("title is 100000 characters long; at most 1000 are accepted");
        (await PostsStoredAsync()).Should().Be(before);
    }

    [Fact]
    public async Task A_body_of_ten_megabytes_is_refused_naming_the_limit_and_nothing_is_stored()
    {
        var before = await PostsStoredAsync();
        var response = await SubmitAsync(Post("huge-body", body: new string('a', 10 * 1024 * 1024)));

        (await Problems.ForAsync(response, "body")).Should().Contain("body is 10485760 characters long; at most 200000 are accepted");
        (await PostsStoredAsync()).Should().Be(before);
    }

    [Theory]
    [InlineData("source")]
    [InlineData("extra")]
    public async Task Json_nested_ten_thousand_deep_is_a_400_not_a_500_and_nothing_is_stored(string property)
    {
        var before = await PostsStoredAsync();
        var nested = new string('[', 10_000) + new string(']', 10_000);
        var json = Post("deep").Replace("\"revision\":0", $"\"revision\":0,\"{property}\":{nested}", StringComparison.Ordinal);

        var response = await SubmitAsync(json);

        var text = await Answers.CleanAsync(response, "deeply nested JSON");
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, text);
        text.Should().ContainAny("depth", $"{property} must be");
        (await PostsStoredAsync()).Should().Be(before);
    }

    [Theory]
    [InlineData("\"channel\":\"Bbs\"", "\"channel\":\"CarrierPigeon\"", "channel")]
    [InlineData("\"channel\":\"Bbs\"", "\"channel\":7", "channel")]
    [InlineData("\"revision\":0", "\"revision\":1e400", "revision")]
    [InlineData("\"revision\":0", "\"revision\":-1", "revision")]
    [InlineData("\"revision\":0", "\"revision\":[0]", "revision")]
    [InlineData("\"title\":\"标题\"", "\"title\":{\"zh\":\"标题\"}", "title")]
    [InlineData("\"authorId\":\"author-1\"", "\"authorId\":null", "authorId")]
    [InlineData("\"boardId\":\"demo-board\",", "", "boardId")]
    [InlineData("\"submittedAt\"", "\"submittedAt\":\"yesterday\",\"x\"", "submittedAt")]
    public async Task A_missing_field_a_wrong_kind_or_an_unknown_enum_value_is_a_400_naming_the_field(string find, string replace, string field)
    {
        var before = await PostsStoredAsync();
        var json = Post("kinds-" + field).Replace(find, replace, StringComparison.Ordinal);

        var messages = await Problems.ForAsync(await SubmitAsync(json), field);

        messages.Should().Contain(field);
        (await PostsStoredAsync()).Should().Be(before);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("null")]
    [InlineData("\"a post\"")]
    [InlineData("12")]
    [InlineData("[{}]")]
    [InlineData("{\"boardId\":\"demo-board\"")]
    [InlineData("\uFEFF\uFEFF{}")]
    [InlineData("{\"boardId\":\"\\ud800\"}")]
    public async Task A_body_that_is_not_a_post_object_is_a_400_and_nothing_is_stored(string json)
    {
        var before = await PostsStoredAsync();
        var response = await SubmitAsync(json);

        var text = await Answers.CleanAsync(response, json);
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, text);
        (await PostsStoredAsync()).Should().Be(before);
    }

    [Fact]
    public async Task Sql_and_script_in_every_text_field_of_a_post_are_stored_as_text_and_read_back_as_json()
    {
        var title = $"{Sql} {Script}";
        var body = $"{OrTrue} UNION SELECT password_hash FROM accounts -- {Script} <img src=x onerror=alert(1)>";

        var response = await SubmitAsync(Post("injection", title: title, body: body));

        response.StatusCode.Should().Be(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        (await _host.ScalarAsync<string>("SELECT title FROM posts WHERE post_id = 'injection'")).Should().Be(title);
        (await _host.ScalarAsync<string>("SELECT body FROM posts WHERE post_id = 'injection'")).Should().Be(body);
        (await _host.ScalarAsync<long>("SELECT COUNT(*) FROM posts WHERE post_id = 'injection'")).Should().Be(1, "the posts table is still there, holding the post");
        var status = await _forum.GetAsync("/api/v1/boards/demo-board/posts/injection");
        status.Content.Headers.ContentType!.MediaType.Should().Be("application/json", "a browser never renders the answer as a page");
    }

    [Fact]
    public async Task Sql_and_script_in_every_query_parameter_of_every_read_are_refused_or_matched_as_text_never_run_or_echoed_as_markup()
    {
        await _host.OpenCaseAsync("listed-" + Guid.NewGuid().ToString("N")[..8]);
        var before = await PostsStoredAsync();
        using var person = await _host.SignInAsync("adm");
        var faults = new List<string>();
        foreach (var (path, caller) in Reads(person))
        {
            foreach (var value in new[] { Sql, OrTrue, Script, "1; SELECT pg_sleep(10)", "../../etc/passwd" })
            {
                var query = string.Join("&", QueryNames(path).Select(n => $"{n}={Uri.EscapeDataString(value)}"));
                var url = $"{path}?{query}";
                using var response = await caller.GetAsync(url);
                var text = await response.Content.ReadAsStringAsync();
                if (Answers.Fault(response.StatusCode, text) is { } fault)
                {
                    faults.Add($"GET {url}: {fault}");
                }
                else if (text.Contains(Script, StringComparison.Ordinal) && response.Content.Headers.ContentType?.MediaType == "text/html")
                {
                    faults.Add($"GET {url}: the script is echoed into a page unescaped");
                }
            }
        }

        (await PostsStoredAsync()).Should().Be(before, "the posts table is still there, unchanged");
        string.Join("\n", faults).Should().BeEmpty();
    }

    [Theory]
    [InlineData("/api/v1/boards/..%2F..%2Fetc%2Fpasswd/posts/1")]
    [InlineData("/api/v1/boards/demo-board/posts/..%2F..%2Fverdicts")]
    [InlineData("/api/v1/boards/demo-board/posts/%2e%2e")]
    [InlineData("/api/v1/boards/demo-board/posts/..%5C..%5Cwindows%5Cwin.ini")]
    [InlineData("/api/v1/boards/demo-board/posts/%252e%252e%252f")]
    [InlineData("/api/v1/boards/demo-board/posts/%C0%AE%C0%AE")]
    public async Task A_path_trick_in_an_id_is_refused_or_finds_nothing(string path)
    {
        using var response = await _forum.GetAsync(path);

        var text = await Answers.CleanAsync(response, path);
        // 403: a dot segment the router resolves lands on an officers' route, which a forum key may not call.
        response.StatusCode.Should().BeOneOf([HttpStatusCode.BadRequest, HttpStatusCode.Forbidden, HttpStatusCode.NotFound], text);
    }

    [Theory]
    [InlineData("/api/v1/rule-sets/..%2F..%2Fsecrets")]
    [InlineData("/api/v1/rule-sets/%2e%2e/activate")]
    [InlineData("/api/v1/models/..%2Factive/file")]
    [InlineData("/api/v1/fingerprints/..%5C..%5Cboot.ini")]
    [InlineData("/api/v1/departments/..%2F..%2Fetc%2Fshadow")]
    [InlineData("/api/v1/takedowns/..%2F1")]
    [InlineData("/api/v1/registrations/..%2F..%2Fregistration-reviews")]
    [InlineData("/api/v1/boards/%2e%2e%2f%2e%2e%2fetc")]
    public async Task A_path_trick_in_an_administrative_id_is_refused_or_finds_nothing(string path)
    {
        var method = path.EndsWith("/activate", StringComparison.Ordinal) ? HttpMethod.Post : HttpMethod.Get;
        using var response = await _admin.SendAsync(new HttpRequestMessage(method, path));

        var text = await Answers.CleanAsync(response, path);
        response.StatusCode.Should().BeOneOf([HttpStatusCode.BadRequest, HttpStatusCode.NotFound], text);
    }

    [Fact]
    public async Task A_flood_of_posts_from_one_operator_is_answered_429_with_retry_after_naming_the_limit_and_the_refused_are_not_stored()
    {
        var before = await PostsStoredAsync();
        await using var limited = _host.Factory.WithWebHostBuilder(b => b.UseSetting("Moderation:Security:PostsPerOperatorPerSecond", "3"));
        using var forum = limited.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") }).WithApiKey(TestCredentials.ForumKey);

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 20; i++)
        {
            answers.Add(await forum.PostAsync("/api/v1/posts", Json(Post($"flood-{i}-{Guid.NewGuid():N}"))));
        }

        var refused = answers.Where(a => a.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        refused.Should().NotBeEmpty("a bucket of 6 posts, refilled by 3 a second, cannot take 20 in a row");
        answers.Should().OnlyContain(a => a.StatusCode == HttpStatusCode.Accepted || a.StatusCode == HttpStatusCode.TooManyRequests);
        var first = refused[0];
        int.Parse(first.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture).Should().BeInRange(1, 2);
        var problem = await first.Content.ReadAsStringAsync();
        first.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        problem.Should().Contain("At most 3 posts a second").And.Contain("PostsPerOperatorPerSecond");
        (await PostsStoredAsync() - before).Should().Be(answers.Count(a => a.StatusCode == HttpStatusCode.Accepted), "a refused post is not stored");
    }

    [Fact]
    public async Task Batches_are_limited_per_post_not_per_request_and_a_refused_batch_stores_nothing()
    {
        var before = await PostsStoredAsync();
        await using var limited = _host.Factory.WithWebHostBuilder(b => b.UseSetting("Moderation:Security:PostsPerOperatorPerSecond", "3"));
        using var forum = limited.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") }).WithApiKey(TestCredentials.ForumKey);
        string Batch(int n) => "{\"posts\":[" + string.Join(",", Enumerable.Range(0, n).Select(i => Post($"batch-flood-{i}-{Guid.NewGuid():N}"))) + "]}";

        // A bucket of 6 posts: a batch of 5 passes, the next batch of 5 at once does not.
        var first = await forum.PostAsync("/api/v1/posts/batch", Json(Batch(5)));
        var second = await forum.PostAsync("/api/v1/posts/batch", Json(Batch(5)));

        first.StatusCode.Should().Be(HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
        second.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        int.Parse(second.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture).Should().BeInRange(1, 2);
        (await second.Content.ReadAsStringAsync()).Should().Contain("At most 3 posts a second").And.Contain("batch of 5 was not stored").And.Contain("PostsPerOperatorPerSecond");
        (await PostsStoredAsync() - before).Should().Be(5, "the refused batch stored nothing");
    }

    [Theory]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData("{\"documentId\":7,\"title\":[],\"scheme\":null}")]
    [InlineData("{\"documentId\":\"doc\\u0000\",\"title\":\"t\"}")]
    [InlineData("{\"documentId\":\"..\\/..\\/etc\",\"title\":\"t\"}")]
    public async Task A_malformed_fingerprint_file_is_a_400_and_nothing_is_registered(string json)
    {
        var before = await _host.ScalarAsync<long>("SELECT COUNT(*) FROM protected_documents");

        var response = await _admin.PostAsync("/api/v1/fingerprints", Json(json));

        var text = await Answers.CleanAsync(response, json);
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, text);
        (await _host.ScalarAsync<long>("SELECT COUNT(*) FROM protected_documents")).Should().Be(before);
    }

    [Fact]
    public async Task A_fingerprint_file_nested_past_the_reader_depth_or_past_the_size_limit_is_refused_naming_it()
    {
        var deep = await _admin.PostAsync("/api/v1/fingerprints", Json(new string('[', 5_000)));
        var huge = await _admin.PostAsync("/api/v1/fingerprints", Json(new string(' ', 10 * 1024 * 1024)));

        (await Answers.CleanAsync(deep, "deep fingerprint file")).Should().Contain("depth");
        deep.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        huge.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await Answers.CleanAsync(huge, "huge fingerprint file")).Should().Contain("at most 8388608 are accepted");
    }

    [Theory]
    [InlineData("{")]
    [InlineData("{\"id\":\"dept\\u0000\"}")]
    [InlineData("{\"id\":\"x\",\"name\":7,\"divisions\":\"110000\"}")]
    [InlineData("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[")]
    [InlineData("{\"id\":\"'; DROP TABLE departments; --\",\"name\":\"<script>alert(1)</script>\"}")]
    public async Task A_malformed_directory_file_is_refused_and_the_directory_is_unchanged(string line)
    {
        var before = await _host.ScalarAsync<long>("SELECT COUNT(*) FROM departments");

        var response = await _admin.PostAsync("/api/v1/departments/import", new StringContent(line + "\n", Encoding.UTF8, "application/x-ndjson"));

        var text = await Answers.CleanAsync(response, line);
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, text);
        (await _host.ScalarAsync<long>("SELECT COUNT(*) FROM departments")).Should().Be(before);
    }

    [Theory]
    [InlineData("5078315.870967742")]
    [InlineData("[]")]
    [InlineData("{\"deliveryId\":\"\\ud800\",\"acknowledgedBy\":\"x\"}")]
    [InlineData("{\"deliveryId\":\"d\\u0000\",\"acknowledgedBy\":\"x\"}")]
    [InlineData("{\"deliveryId\":\"d-1\",\"acknowledgedBy\":\"x\\u0000\"}")]
    public async Task A_department_receipt_that_is_not_a_receipt_object_is_a_400(string json)
    {
        using var anonymous = _host.Anonymous();

        var response = await anonymous.PostAsync("/api/v1/receipts", Json(json));

        var text = await Answers.CleanAsync(response, json);
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, text);
    }

    [Theory]
    [InlineData("(a+)+$")]
    [InlineData("(a|aa)+b")]
    [InlineData("(x+x+)+y")]
    public async Task A_custom_rule_with_a_catastrophic_pattern_is_matched_in_linear_time_on_a_long_post(string pattern)
    {
        var version = "hostile-" + Tag(pattern);
        var ruleSet = RuleSet(version, pattern);
        var imported = await _admin.PostAsync("/api/v1/rule-sets", Json(ruleSet));
        imported.StatusCode.Should().Be(HttpStatusCode.Created, await imported.Content.ReadAsStringAsync());
        (await _admin.PostAsync($"/api/v1/rule-sets/{version}/activate", null)).StatusCode.Should().Be(HttpStatusCode.OK);

        // A backtracking engine would take longer than the age of the universe on 100,000 repeats without the final letter.
        var postId = "catastrophic-" + Tag(pattern);
        var response = await SubmitAsync(Post(postId, body: new string(pattern.Contains('x', StringComparison.Ordinal) ? 'x' : 'a', 100_000) + "!"));
        response.StatusCode.Should().Be(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());

        (await ScannedAsync(postId)).Should().BeTrue("the scan finishes: the pattern runs on the non-backtracking engine");
    }

    [Theory]
    [InlineData("(?=secret)secret", "pattern does not compile")]
    [InlineData("(a)\\1", "pattern does not compile")]
    [InlineData("((a{1000}){1000}){1000}", "pattern does not compile")]
    [InlineData("(", "pattern does not compile")]
    public async Task A_custom_rule_the_bounded_engine_cannot_run_is_refused_naming_the_rule(string pattern, string says)
    {
        var response = await _admin.PostAsync("/api/v1/rule-sets", Json(RuleSet("refused-" + Tag(pattern), pattern)));

        var text = await Answers.CleanAsync(response, pattern);
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, text);
        text.Should().Contain("hostile-rule").And.Contain(says);
        (await _host.ScalarAsync<long>("SELECT COUNT(*) FROM rule_sets WHERE version = @version", new { version = "refused-" + Tag(pattern) })).Should().Be(0);
    }

    [Theory]
    [InlineData("{\"version\":\"x\",\"rules\":[{\"id\":\"r\",\"category\":\"custom\",\"kind\":\"telepathy\",\"weight\":0.5,\"description\":\"d\"}]}", "kind")]
    [InlineData("{\"version\":7,\"rules\":[RULE]}", "version")]
    [InlineData("{\"version\":\"x\",\"rules\":{}}", "rules")]
    [InlineData("{\"version\":\"..\\/..\\/x\",\"rules\":[RULE]}", "version")]
    [InlineData("{\"version\":\"x\\u0000\",\"rules\":[RULE]}", "version")]
    public async Task A_malformed_rule_set_is_refused_naming_what_is_wrong(string json, string says)
    {
        json = json.Replace("RULE", """{"id":"r","category":"custom","kind":"terms","terms":["红色文件夹"],"weight":0.5,"description":"d"}""", StringComparison.Ordinal);

        var response = await _admin.PostAsync("/api/v1/rule-sets", Json(json));

        var text = await Answers.CleanAsync(response, json);
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, text);
        text.Should().Contain(says);
    }

    [Fact]
    public async Task A_sign_in_form_with_a_100000_character_name_and_script_is_refused_as_a_failed_sign_in()
    {
        using var http = _host.Anonymous();

        var response = await ReviewHost.SubmitSignInAsync(http, new string('m', 100_000) + Script, "' OR 1=1 --");

        var text = await Answers.CleanAsync(response, "sign-in");
        response.StatusCode.Should().NotBe(HttpStatusCode.Redirect, "nobody is signed in");
        text.Should().NotContain(Script);
    }

    private IEnumerable<(string Path, HttpClient Caller)> Reads(HttpClient person)
    {
        foreach (var endpoint in EndpointCatalog.All(_host.Factory.Services))
        {
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;
            var pattern = endpoint.RoutePattern.RawText ?? "";
            if ((methods is not null && !methods.Contains("GET")) || pattern.Contains('{', StringComparison.Ordinal) || pattern.StartsWith("/hubs", StringComparison.Ordinal)
                || pattern.StartsWith("/health", StringComparison.Ordinal) || pattern.Contains("sign-out", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var path = "/" + pattern.TrimStart('/');
            var caller = !path.StartsWith("/api/", StringComparison.Ordinal) ? person
                : path is "/api/v1/verdicts" or "/api/v1/webhook" ? _forum
                : _admin;
            yield return (path, caller);
        }
    }

    /// <summary>Every query parameter an endpoint binds, plus the filter names the API uses anywhere.</summary>
    private static IEnumerable<string> QueryNames(string path) =>
        new[] { "board", "boardId", "category", "sort", "after", "before", "limit", "minAge", "maxAge", "q", "status", "state", "division", "divisionCode", "from", "to", "kind", "actor", "action", "operatorId", "search", "handler", "returnUrl" }
            .Distinct(StringComparer.Ordinal);

    private Task<HttpResponseMessage> SubmitAsync(string json) => _forum.PostAsync("/api/v1/posts", Json(json));

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static string Post(string postId, string title = "标题", string body = "正文") =>
        $$"""{"boardId":"demo-board","postId":"{{postId}}","revision":0,"channel":"Bbs","authorId":"author-1","title":{{JsonSerializer.Serialize(title, Relaxed)}},"body":{{JsonSerializer.Serialize(body, Relaxed)}},"submittedAt":"{{DateTimeOffset.UtcNow.AddSeconds(-5).ToString("O")}}"}""";

    /// <summary>A version or id made of the pattern's characters in hex, so each case has its own.</summary>
    private static string Tag(string pattern) => Convert.ToHexString(Encoding.UTF8.GetBytes(pattern))[..Math.Min(40, pattern.Length * 2)];

    private static string RuleSet(string version, string pattern) =>
        $$"""{ "version": "{{version}}", "rules": [ { "id": "hostile-rule", "category": "custom", "kind": "pattern", "pattern": {{JsonSerializer.Serialize(pattern)}}, "weight": 0.6, "description": "hostile" } ] }""";

    private async Task<bool> ScannedAsync(string postId)
    {
        for (var i = 0; i < 600; i++)
        {
            if (await _host.ScalarAsync<long>("SELECT COUNT(*) FROM scans WHERE post_id = @postId", new { postId }) > 0)
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }

    private async Task<long> PostsStoredAsync() => await _host.ScalarAsync<long>("SELECT COUNT(*) FROM posts");
}
