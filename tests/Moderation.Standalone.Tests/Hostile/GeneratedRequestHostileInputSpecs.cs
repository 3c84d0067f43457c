using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CsCheck;
using Dapper;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Moderation.Standalone.Tests.Review;
using Moderation.Standalone.Tests.Security;
using Moderation.Testing;
using Xunit.Abstractions;

namespace Moderation.Standalone.Tests.Hostile;

/// <summary>
/// Property-based fuzzing of the HTTP API on PostgreSQL with CsCheck: generated posts (a valid post
/// with fields dropped, retyped, swapped for hostile text, or extra ones added; JSON that is not a
/// post at all) and generated calls to every mapped endpoint (hostile path values, query strings
/// and bodies). Properties: no 500, no stack trace in any answer, a refused post stores nothing, an
/// accepted post gets exactly one scan and one verdict. A failure is shrunk to the smallest request
/// that shows it and printed with its seed.
/// <para>
/// <c>MODERATION_FUZZ_REQUESTS</c> sets the number of generated requests, half to each test: 400 by
/// default, so a CI run stays short; the full run of the target is <c>MODERATION_FUZZ_REQUESTS=10000
/// tests/run.sh --filter FullyQualifiedName~GeneratedRequestHostileInputSpecs</c>;
/// <c>MODERATION_FUZZ_SEED</c> replays a failure's seed.
/// </para>
/// </summary>
[Collection(HostileCollection.Name)]
public sealed partial class GeneratedRequestHostileInputSpecs(HostileHost fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly int Requests = int.TryParse(Environment.GetEnvironmentVariable("MODERATION_FUZZ_REQUESTS"), CultureInfo.InvariantCulture, out var n) && n > 1 ? n : 400;
    private static readonly string? Seed = Environment.GetEnvironmentVariable("MODERATION_FUZZ_SEED") is { Length: > 0 } seed ? seed : null;

    private ReviewHost _host => fixture.Review;
    private HttpClient _forum => fixture.Forum;
    private HttpClient _admin => fixture.Admin;
    private HttpClient _person = null!;
    private int _sent;
    private readonly Dictionary<string, TimeSpan> _slowest = [];
    private readonly long _began = System.Diagnostics.Stopwatch.GetTimestamp();

    public async Task InitializeAsync()
    {
        _person = _host.Anonymous();
        var token = await ReviewHost.AntiforgeryTokenAsync(_person, "/account/sign-in");
        var signIn = await _person.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = "adm", ["Password"] = TestCredentials.Password, ["__RequestVerificationToken"] = token,
        }));
        signIn.StatusCode.Should().Be(HttpStatusCode.Redirect);
        await _host.OpenCaseAsync($"fuzz-case-{Guid.NewGuid():N}");
    }

    public Task DisposeAsync()
    {
        output.WriteLine($"{_sent} generated requests sent in {System.Diagnostics.Stopwatch.GetElapsedTime(_began).TotalSeconds:F1} s.");
        foreach (var (endpoint, took) in _slowest.OrderByDescending(e => e.Value).Take(8))
        {
            output.WriteLine($"  {took.TotalSeconds:F1} s in {endpoint}");
        }

        _person.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Generated_posts_are_never_a_500_or_a_stack_trace_a_refused_one_stores_nothing_and_an_accepted_one_gets_one_verdict()
    {
        var accepted = new HashSet<(string PostId, int Revision)>();
        // The posts stored so far. This collection's specifications run one at a time and an accepted post
        // is stored before it is answered, so one count after each request tells what that request stored.
        var stored = await PostsAsync();
        await PostBody.SampleAsync(async json =>
        {
            using var response = await _forum.PostAsync("/api/v1/posts", new StringContent(json, Encoding.UTF8, "application/json"));
            Interlocked.Increment(ref _sent);
            var text = await response.Content.ReadAsStringAsync();
            Answers.Fault(response.StatusCode, text).Should().BeNull(json);
            var now = await PostsAsync();
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                using var answer = JsonDocument.Parse(text);
                accepted.Add((answer.RootElement.GetProperty("postId").GetString()!, answer.RootElement.GetProperty("revision").GetInt32()));
            }
            else
            {
                response.StatusCode.Should().BeOneOf([HttpStatusCode.BadRequest, HttpStatusCode.UnprocessableEntity], text);
                now.Should().Be(stored, $"a refused post stores nothing: {json}");
            }

            stored = now;
        }, writeLine: output.WriteLine, seed: Seed, iter: Requests / 2, threads: 1);

        var sent = System.Diagnostics.Stopwatch.GetTimestamp();
        output.WriteLine($"{Requests / 2} posts sent in {System.Diagnostics.Stopwatch.GetElapsedTime(_began).TotalSeconds:F1} s; waiting for the verdicts of {accepted.Count}");
        accepted.Should().NotBeEmpty("the generator sends valid posts too");
        var outcomes = await VerdictsAsync(accepted);
        accepted.Where(p => outcomes.GetValueOrDefault(p) != (1, 1)).Select(p => $"{p.PostId}#{p.Revision}: {outcomes.GetValueOrDefault(p)}")
            .Should().BeEmpty("an accepted post gets one scan and one verdict (scans, verdicts)");

        output.WriteLine($"{accepted.Count} generated posts accepted, each with one scan and one verdict (checked in {System.Diagnostics.Stopwatch.GetElapsedTime(sent).TotalSeconds:F1} s).");
    }

    [Fact]
    public async Task Generated_calls_to_every_endpoint_are_never_a_500_or_a_stack_trace()
    {
        var endpoints = Endpoints();
        var began = System.Diagnostics.Stopwatch.GetTimestamp();
        var call = Gen.Select(Gen.Int[0, endpoints.Count - 1], Gen.Int[0, 2].Array[4], Hostile, Gen.Select(QueryName, Hostile).Array[0, 4], JsonBody);
        await call.SampleAsync(async sample =>
        {
            var (index, choices, segment, query, body) = sample;
            var (method, pattern) = endpoints[index];
            var path = Fill(pattern, segment, choices[0]);
            var url = query.Length == 0 ? path : $"{path}?{string.Join("&", query.Select(q => $"{Uri.EscapeDataString(q.Item1)}={Uri.EscapeDataString(q.Item2)}"))}";
            using var request = new HttpRequestMessage(new HttpMethod(method), url);
            if (method is "POST" or "PUT")
            {
                request.Content = choices[1] == 0
                    ? new FormUrlEncodedContent(query.Select(q => new KeyValuePair<string, string>(q.Item1, q.Item2)))
                    : new StringContent(body, Encoding.UTF8, choices[1] == 1 ? "application/json" : "text/plain");
            }

            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            using var response = await CallerFor(path).SendAsync(request);
            Interlocked.Increment(ref _sent);
            var took = System.Diagnostics.Stopwatch.GetElapsedTime(started);
            lock (_slowest)
            {
                _slowest[$"{method} {pattern}"] = _slowest.TryGetValue($"{method} {pattern}", out var t) ? t + took : took;
            }

            var text = await response.Content.ReadAsStringAsync();
            Answers.Fault(response.StatusCode, text).Should().BeNull($"{method} {url} {body}");
            if (_sent % 50 == 0)
            {
                output.WriteLine($"{_sent} requests after {System.Diagnostics.Stopwatch.GetElapsedTime(began).TotalSeconds:F1} s, {_slowest.Values.Sum(t => t.TotalSeconds):F1} s of it in the host");
            }
        }, writeLine: output.WriteLine, seed: Seed, iter: Requests - Requests / 2, threads: 1, print: s => $"{endpoints[s.Item1].Method} {endpoints[s.Item1].Pattern} segment={Show(s.Item3)} query=[{string.Join(", ", s.Item4.Select(q => $"{q.Item1}={Show(q.Item2)}"))}] body={Show(s.Item5)}");
    }

    // --- generators --------------------------------------------------------------------------

    /// <summary>Text an attacker or a broken client sends: injection, markup, path tricks, controls, lone surrogates, sizes, numbers.</summary>
    private static readonly Gen<string> Hostile = Gen.OneOf<string>(
        Gen.OneOf<string>(
            "", " ", "'", "\"", "'; DROP TABLE posts; --", "' OR '1'='1", "1; SELECT pg_sleep(10)", "<script>alert(1)</script>",
            "\"><img src=x onerror=alert(1)>", "javascript:alert(1)", "..", "../..", "..\\..\\windows", "%2e%2e%2f", "/etc/passwd",
            "\0", "a\0b", "\u0001", "\u001b[31m", "\u007f", "\u0085", "\u2028", "\u202e", "\ud800", "\udfff", "x\ud800y", "\ufeff", "\ufffe",
            "-1", "0", "2147483648", "-9223372036854775809", "1e400", "NaN", "true", "null", "[]", "{}", "{\"$gt\":\"\"}",
            "9999-12-31T23:59:59+14:00", "0001-01-01T00:00:00Z", "3651.00:00:00", "-00:00:01", "p123_x", "score", "Bbs", "Release",
            "demo-board", "demo-suspended", "forum-demo", "110000", "机密★10年", "绝密", "%00", "%", "&", "=", "#", "?", "\\u0000"),
        Gen.Char.Array[0, 40].Select(c => new string(c)),
        Gen.Char['\0', '\u00ff'].Array[0, 20].Select(c => new string(c)),
        Gen.Select(Gen.Char["a.-_~:@"].Array[1, 12], Gen.Int[0, 3]).Select((c, i) => new string(c) + new[] { "", "/", "\0", "\ud800" }[i]),
        Gen.Int[1, 200_000].Select(n => new string('x', n)));

    private static readonly Gen<string> QueryName = Gen.OneOf<string>(
        Gen.OneOf<string>("board", "boardId", "category", "sort", "after", "before", "limit", "minAge", "maxAge", "q", "status", "state",
            "division", "divisionCode", "from", "to", "kind", "actor", "action", "operatorId", "version", "handler", "returnUrl", "page", "decision", "reason"),
        Gen.String[0, 8]);

    private static readonly Gen<string> Leaf = Gen.OneOf<string>(
        Hostile.Select(s => JsonSerializer.Serialize(s)),
        Hostile.Select(s => "\"" + s.Replace("\"", "", StringComparison.Ordinal) + "\""),
        Gen.Long.Select(l => l.ToString(CultureInfo.InvariantCulture)),
        Gen.Double.Select(d => double.IsFinite(d) ? d.ToString("R", CultureInfo.InvariantCulture) : "1e999"),
        Gen.OneOf<string>("true", "false", "null", "\"\\ud800\"", "\"\\u0000\"", "\"\\udc00\\ud800\""));

    /// <summary>Any JSON value, nested up to a depth past the reader's limit now and then.</summary>
    private static readonly Gen<string> JsonValue = Gen.Recursive<string>((depth, inner) => depth >= 4
        ? Leaf
        : Gen.Frequency<string>(
            (6, Leaf),
            (1, inner.Array[0, 4].Select(items => "[" + string.Join(",", items) + "]")),
            (1, Gen.Select(Hostile, inner).Array[0, 4].Select(p => "{" + string.Join(",", p.Select(x => $"{JsonSerializer.Serialize(x.Item1)}:{x.Item2}")) + "}")),
            (1, Gen.Int[60, 3000].Select(d => new string('[', d) + new string(']', d)))));

    private static readonly Gen<string> JsonBody = Gen.Frequency<string>(
        (6, JsonValue),
        (1, Hostile),
        (1, JsonValue.Select(j => j.Length > 1 ? j[..(j.Length / 2)] : j + "{")));

    private static readonly string[] Fields = ["boardId", "postId", "revision", "channel", "authorId", "title", "body", "submittedAt", "source"];

    /// <summary>A valid post, then each field kept (8 in 10), dropped, or replaced by any JSON value; sometimes an extra property; now and then not a post at all.</summary>
    private static readonly Gen<string> PostBody = Gen.Frequency<string>(
        (8, Gen.Select(Gen.Int[0, 9].Array[Fields.Length], JsonValue.Array[Fields.Length], Gen.Select(Hostile, JsonValue).Array[0, 2], Gen.Guid)
            .Select((choice, values, extra, unique) => "{" + string.Join(",", Fields.Select((f, i) => choice[i] switch
            {
                0 => null,
                1 => $"\"{f}\":{values[i]}",
                _ => $"\"{f}\":{Valid(f, unique)}",
            }).Where(p => p is not null).Concat(extra.Select(e => $"{JsonSerializer.Serialize(e.Item1)}:{e.Item2}"))) + "}")),
        (1, JsonBody));

    private static string Valid(string field, Guid unique) => field switch
    {
        "boardId" => "\"demo-board\"",
        "postId" => $"\"g-{unique:N}\"",
        "revision" => "0",
        "channel" => "\"Bbs\"",
        "authorId" => "\"author-1\"",
        "title" => "\"标题\"",
        "body" => unique.GetHashCode() % 3 == 0 ? "\"绝密★长期 内部资料 不得外传\"" : "\"今天开会，记得带笔记本。\"",
        "submittedAt" => $"\"{DateTimeOffset.UtcNow.AddMinutes(-1):O}\"",
        _ => "null",
    };

    // --- the host --------------------------------------------------------------------------

    private List<(string Method, string Pattern)> Endpoints()
    {
        var all = new List<(string, string)>();
        foreach (var endpoint in EndpointCatalog.All(_host.Factory.Services))
        {
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            // Signing out would end the session the other calls use; the hub is a websocket.
            if (pattern.Contains("sign-out", StringComparison.OrdinalIgnoreCase) || pattern.StartsWith("/hubs", StringComparison.Ordinal))
            {
                continue;
            }

            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;
            foreach (var method in methods is null || methods.Count == 0 ? ["GET", "POST"] : methods.Where(m => m != "OPTIONS"))
            {
                all.Add((method, pattern));
            }
        }

        return all;
    }

    private HttpClient CallerFor(string path) =>
        !path.StartsWith("/api/", StringComparison.Ordinal) ? _person
        : path.StartsWith("/api/v1/posts", StringComparison.Ordinal) || path.StartsWith("/api/v1/verdicts", StringComparison.Ordinal)
          || path.StartsWith("/api/v1/webhook", StringComparison.Ordinal) || PostPath().IsMatch(path) ? _forum
        : _admin;

    /// <summary>The route with each parameter filled: a plausible value, the generated hostile text, or a number.</summary>
    private static string Fill(string pattern, string segment, int choice) => ParameterPattern().Replace(pattern, m => choice switch
    {
        // Without NUL: the in-memory test server throws on a NUL in a path before sending it; Kestrel answers 400 (MalformedPostSpecs).
        0 => Uri.EscapeDataString(segment.Replace("\0", "", StringComparison.Ordinal) is { Length: > 0 } clean ? clean : "x"),
        1 when m.Groups[2].Value is ":long" or ":int" => "1",
        1 => m.Groups[1].Value switch { "boardId" => "demo-board", "divisionCode" => "110105", _ => "x" },
        _ => "-1",
    });

    private async Task<long> PostsAsync() => await _host.ScalarAsync<long>("SELECT COUNT(*) FROM posts");

    /// <summary>
    /// Scans and verdicts per accepted post, once every accepted post has at least one of each (or after
    /// 60 s): one grouped read of each table a round, however many posts were accepted.
    /// </summary>
    private async Task<Dictionary<(string PostId, int Revision), (long Scans, long Verdicts)>> VerdictsAsync(HashSet<(string PostId, int Revision)> accepted)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            await using var connection = await _host.Scratch.Database.OpenAsync(CancellationToken.None);
            var scans = (await connection.QueryAsync<(string PostId, int Revision, long Count)>(
                "SELECT post_id, revision, COUNT(*) FROM scans WHERE board_id = 'demo-board' GROUP BY post_id, revision")).ToDictionary(r => (r.PostId, r.Revision), r => r.Count);
            var verdicts = (await connection.QueryAsync<(string PostId, int Revision, long Count)>("""
                SELECT payload_json::jsonb ->> 'postId', (payload_json::jsonb ->> 'revision')::int, COUNT(*) FROM message_outbox
                WHERE message_type LIKE '%PostVerdict%' GROUP BY 1, 2
                """)).ToDictionary(r => (r.PostId, r.Revision), r => r.Count);
            var found = accepted.ToDictionary(p => p, p => (scans.GetValueOrDefault(p), verdicts.GetValueOrDefault(p)));
            if (found.Values.All(f => f.Item1 >= 1 && f.Item2 >= 1) || DateTime.UtcNow > deadline)
            {
                return found;
            }

            await Task.Delay(200);
        }
    }

    private static string Show(string s) => s.Length > 80 ? JsonSerializer.Serialize(s[..80]) + $"…({s.Length} chars)" : JsonSerializer.Serialize(s);

    [GeneratedRegex(@"\{([a-zA-Z]+)(:[^}]*)?\??\}")]
    private static partial Regex ParameterPattern();

    [GeneratedRegex("^/api/v1/boards/[^/]+/posts/")]
    private static partial Regex PostPath();
}
