using System.Globalization;
using System.Text;
using System.Text.Json;
using CsCheck;
using Moderation.Integration.Tests.Support;
using Xunit.Abstractions;
using static Moderation.Integration.Tests.Support.ForumClient;

namespace Moderation.Integration.Tests;

/// <summary>
/// Hostile messages on the real broker: each ends as a rejection to the sender (a post the contract
/// refuses) or in the scanner's error queue (bytes that are not a post), never stuck in or redelivered
/// forever from <c>post-submitted</c>, while good posts around them get exactly one verdict each. Then
/// CsCheck generates batches of messages (valid posts with fields dropped, retyped or made hostile),
/// with the properties: every message has exactly one outcome (a notice the outbox sent again counts
/// once, as a forum dedupes it), an accepted post is stored once and gets one verdict and one scan, a
/// rejected or dead-lettered message stores nothing, nothing is left in the queue.
/// <c>MODERATION_FUZZ_MESSAGES</c> sets the number of generated messages (default 300).
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class AmqpHostileInputSpecs(ITestOutputHelper output) : PipelineSpecs
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    private static readonly int Messages = int.TryParse(Environment.GetEnvironmentVariable("MODERATION_FUZZ_MESSAGES"), CultureInfo.InvariantCulture, out var n) && n >= 30 ? n : 300;

    [Fact]
    public async Task Each_hostile_message_is_rejected_or_dead_lettered_and_the_good_posts_around_them_get_one_verdict_each()
    {
        await Pipeline.StartScannerAsync();
        await using var forum = await Pipeline.ConnectForumAsync();
        string Variant(string postId, string find, string replace) =>
            find.Length == 0 ? Post(postId, "今天开会，记得带笔记本。") : Post(postId, "今天开会，记得带笔记本。").Replace(find, replace, StringComparison.Ordinal);
        string[] hostile =
        [
            "this is { not json",
            "",
            "null",
            "[1,2,3]",
            "\"a post\"",
            new string('[', 10_000) + new string(']', 10_000),
            Variant("revision-text", "\"revision\":0", "\"revision\":\"one\""),
            Variant("unknown-channel", "\"Bbs\"", "\"CarrierPigeon\""),
            Variant("numbered-channel", "\"Bbs\"", "77"),
            Variant("no-author", "\"authorId\":\"author-1\",", ""),
            Variant("nul-body", "今天开会", "今天\\u0000开会"),
            Variant("escape-body", "今天开会", "今天\\u001b[31m开会"),
            Variant("surrogate-title", "\"标题\"", "\"\\ud800\""),
            Variant("long-title", "\"标题\"", JsonSerializer.Serialize(new string('题', 100_000))),
            Variant("huge-body", "\"今天开会，记得带笔记本。\"", JsonSerializer.Serialize(new string('a', 10 * 1024 * 1024))),
            Variant("../../etc/passwd", "", ""),
            Variant("p\\u0000", "", ""),
        ];
        byte[][] bytes = [.. hostile.Select(Encoding.UTF8.GetBytes), [0xff, 0xfe, 0x00, 0x7b], Encoding.UTF8.GetBytes(Post("cut-short", "今天"))[..40]];

        var i = 0;
        foreach (var message in bytes)
        {
            await forum.PublishRawAsync(message);
            await forum.PublishRawAsync(Encoding.UTF8.GetBytes(Post($"good-{++i}", i % 2 == 0 ? "'; DROP TABLE scans; -- <script>alert(1)</script>" : "今天开会，记得带笔记本。")));
        }

        var outcome = await OutcomesAsync(forum, bytes.Length + i);

        outcome.Verdicts.Select(v => Text(v, "postId")).Should().BeEquivalentTo(Enumerable.Range(1, i).Select(k => $"good-{k}"), Pipeline.ServiceLogs);
        (outcome.Rejections.Count + outcome.DeadLettered).Should().Be(bytes.Length, Describe(outcome.Rejections));
        outcome.Rejections.Should().OnlyContain(r => Text(r, "code") == "Malformed", Describe(outcome.Rejections));
        (await Pipeline.ScalarAsync<long>("SELECT COUNT(*) FROM scans")).Should().Be(i);
        outcome.Waiting.Should().Be(0, "nothing is left in the scanner's queue");
    }

    [Fact]
    public async Task Generated_messages_each_have_one_outcome_an_accepted_post_one_verdict_and_nothing_is_left_in_the_queue()
    {
        await Pipeline.StartScannerAsync();
        await using var forum = await Pipeline.ConnectForumAsync();
        var board = Pipeline.BoardId;
        var batch = Gen.Int[0, 4].Array[Fields.Length].Select(Gen.OneOf<string>(Value, Value, Value), Gen.Int[0, 1_000_000], (choice, value, unique) => (choice, value, unique))
            .Array[Math.Max(10, Messages / 3)];
        var runs = 0;
        long published = 0;
        var repeats = 0;
        await batch.SampleAsync(async messages =>
        {
            runs++;
            var before = await OutcomesAsync(forum, 0, settle: false);
            var scansBefore = await Pipeline.ScalarAsync<long>("SELECT COUNT(*) FROM scans");
            var postsBefore = await Pipeline.ScalarAsync<long>("SELECT COUNT(*) FROM posts");
            foreach (var (m, index) in messages.Select((m, index) => (m, index)))
            {
                await forum.PublishRawAsync(Encoding.UTF8.GetBytes(Message(board, $"fz-{runs}-{index}", m.choice, m.value)));
            }

            published += messages.Length;
            var after = await OutcomesAsync(forum, before.Total + messages.Length);
            var verdicts = after.Verdicts.Skip(before.Verdicts.Count).ToList();
            repeats = after.Repeats;
            (after.Total - before.Total).Should().Be(messages.Length, $"every message has exactly one outcome: a verdict, a rejection or the error queue; {Repeated(after)}");
            verdicts.Select(v => Text(v, "postId")).Should().OnlyHaveUniqueItems("an accepted post gets one verdict");
            (await Pipeline.ScalarAsync<long>("SELECT COUNT(*) FROM scans") - scansBefore).Should().Be(verdicts.Count, "one scan per verdict");
            (await Pipeline.ScalarAsync<long>("SELECT COUNT(*) FROM posts") - postsBefore).Should().Be(verdicts.Count, "an accepted post is stored once; a rejected or dead-lettered message stores nothing");
            after.Waiting.Should().Be(0, "nothing is left in the scanner's queue");
        }, writeLine: output.WriteLine, iter: 3, threads: 1, print: m => $"{m.Length} messages: " + string.Join(" | ", m.Select(x => Message(board, "p", x.choice, x.value)).Select(s => s.Length > 200 ? s[..200] + "…" : s)));
        output.WriteLine($"{published} generated messages published; {repeats} notices received again (the outbox's at-least-once send after a timeout).");
    }

    /// <summary>The posts answered more than once, with their answers, and the services' warnings: what a failure needs to be understood.</summary>
    private string Repeated(Outcomes outcomes)
    {
        var repeated = outcomes.Verdicts.Concat(outcomes.Rejections).GroupBy(o => Text(o, "postId")).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(" / ", g.Select(o => o.GetRawText() is var raw && raw.Length > 300 ? raw[..300] + "…" : raw))}");
        // Faults of messages that are not posts are expected (they are what the error queue holds); anything else is not.
        var warnings = Pipeline.ServiceLogs.Split('\n').Where(l => (l.Contains(" warn: ", StringComparison.Ordinal) || l.Contains(" fail: ", StringComparison.Ordinal)) && !l.Contains("R-FAULT", StringComparison.Ordinal))
            .Select(l => l.Length > 400 ? l[..400] + "…" : l).Take(30);
        return $"answered more than once: [{string.Join("; ", repeated)}]; the services' warnings: {string.Join("\n", warnings)}";
    }

    // CJK written as it is, so a case can find "今天开会" in the JSON and replace it.
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly string[] Fields = ["boardId", "postId", "revision", "channel", "authorId", "title", "body", "submittedAt"];

    private static readonly Gen<string> Value = Gen.OneOf<string>(
        Gen.OneOf<string>("null", "true", "7", "-1", "1e400", "[]", "{}", "\"\"", "\"\\u0000\"", "\"\\ud800\"", "\"CarrierPigeon\"", "\"..\"",
            "\"'; DROP TABLE posts; --\"", "\"<script>alert(1)</script>\"", "\"2026-13-45T99:99:99\"", "\"9999-12-31T23:59:59+14:00\"", "\"\\u001b[0m\""),
        Gen.String[0, 30].Select(s => JsonSerializer.Serialize(s)),
        Gen.Int[100, 3000].Select(d => new string('[', d) + new string(']', d)),
        Gen.Int[1_001, 300_000].Select(k => JsonSerializer.Serialize(new string('x', k))));

    /// <summary>A post whose fields are each kept (choice 2–4), dropped (0) or replaced (1); every post id is new, so each message can have its own outcome.</summary>
    private static string Message(string board, string postId, int[] choice, string value) =>
        "{" + string.Join(",", Fields.Select((f, i) => choice[i] switch
        {
            0 when f != "postId" => null,
            1 when f != "postId" => $"\"{f}\":{value}",
            _ => $"\"{f}\":{Valid(f, board, postId)}",
        }).Where(p => p is not null)) + "}";

    private static string Valid(string field, string board, string postId) => field switch
    {
        "boardId" => $"\"{board}\"",
        "postId" => $"\"{postId}\"",
        "revision" => "0",
        "channel" => "\"Bbs\"",
        "authorId" => "\"author-1\"",
        "title" => "\"标题\"",
        "body" => "\"今天开会，记得带笔记本。\"",
        _ => $"\"{DateTimeOffset.UtcNow.AddSeconds(-1):O}\"",
    };

    private string Post(string postId, string body) =>
        $$"""{"boardId":"{{Pipeline.BoardId}}","postId":"{{postId}}","revision":0,"channel":"Bbs","authorId":"author-1","title":"标题","body":{{JsonSerializer.Serialize(body, Relaxed)}},"submittedAt":"{{DateTimeOffset.UtcNow.AddSeconds(-1):O}}"}""";

    private readonly List<JsonElement> _verdictQueue = [];
    private readonly List<JsonElement> _unroutable = [];

    /// <param name="Repeats">Notices received again as they were: a forum dedupes them on their own keys (see <see cref="Read"/>).</param>
    private sealed record Outcomes(List<JsonElement> Verdicts, List<JsonElement> Rejections, long DeadLettered, uint Waiting, int Repeats)
    {
        public long Total => Verdicts.Count + Rejections.Count + DeadLettered;
    }

    /// <summary>
    /// The distinct notices received so far. The outbox sends at least once: a send that timed out may
    /// still have arrived, and the relay sends the row again, the same notice (Moderation.Outbox's
    /// README). Such a repeat is one outcome, as it is to a forum deduping on the notice's keys; two
    /// different notices about one post are two.
    /// </summary>
    private Outcomes Read(long deadLettered, uint waiting)
    {
        var received = _verdictQueue.Concat(_unroutable).ToList();
        var queue = _verdictQueue.DistinctBy(m => m.GetRawText()).ToList();
        var unroutable = _unroutable.DistinctBy(m => m.GetRawText()).ToList();
        return new Outcomes(
            [.. queue.Where(m => m.TryGetProperty("action", out _))],
            [.. queue.Where(m => m.TryGetProperty("code", out _)), .. unroutable],
            deadLettered,
            waiting,
            received.Count - queue.Count - unroutable.Count);
    }

    /// <summary>Every outcome so far (messages read are kept, as reading takes them off the queue), once <paramref name="expected"/> are in.</summary>
    private async Task<Outcomes> OutcomesAsync(ForumClient forum, long expected, bool settle = true)
    {
        await using var system = await ForumClient.ConnectAsync(Pipeline.VirtualHost.ServiceUrl);
        var deadline = DateTime.UtcNow + Patience;
        Outcomes now;
        do
        {
            _verdictQueue.AddRange(await forum.ReadAsync(Pipeline.VerdictQueue, _ => false, TimeSpan.FromMilliseconds(300)));
            _unroutable.AddRange(await system.ReadAsync("moderation.rejected", _ => false, TimeSpan.FromMilliseconds(100)));
            now = Read(await system.CountAsync("post-submitted_error"), await system.CountAsync("post-submitted"));
        }
        while (settle && (now.Total < expected || now.Waiting > 0) && DateTime.UtcNow < deadline);

        if (settle)
        {
            // Anything more would be a second outcome for a message: give it a moment to show.
            await Task.Delay(1000);
            _verdictQueue.AddRange(await forum.ReadAsync(Pipeline.VerdictQueue, _ => false, TimeSpan.FromMilliseconds(300)));
            now = Read(await system.CountAsync("post-submitted_error"), now.Waiting);
        }

        output.WriteLine($"verdicts {now.Verdicts.Count}, rejections {now.Rejections.Count}, dead-lettered {now.DeadLettered}, waiting {now.Waiting}, notices received again {now.Repeats}");
        return now;
    }
}
