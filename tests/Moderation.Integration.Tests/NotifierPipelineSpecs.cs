using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moderation.Contracts;
using Moderation.Integration.Tests.Support;
using Moderation.Storage;
using Moderation.Storage.Departments;
using Moderation.Storage.Orders;
using Moderation.Storage.Outbox;
using Moderation.Storage.Posts;
using Moderation.Storage.Scans;
using Moderation.Testing;
using Moderation.Verdicts.Incidents;
using StackExchange.Redis;
using static Moderation.Integration.Tests.Support.ForumClient;

namespace Moderation.Integration.Tests;

/// <summary>The Notifier, the officers' orders and the purge as processes on the real servers.</summary>
[Collection(PipelineCollection.Name)]
public sealed class NotifierPipelineSpecs : PipelineSpecs
{
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    [Fact]
    public async Task A_notifier_killed_mid_delivery_loses_nothing_and_each_report_is_processed_once()
    {
        const int count = 24;
        await using var receiver = await WebhookReceiver.StartAsync(Secret, TimeProvider.System);
        // Slow enough that the kill lands mid-batch even when a loaded machine takes seconds to notice
        // the fourth delivery and kill the process (at 400 ms, all 24 were once delivered by then), and
        // quick enough that a batch (three rounds of eight) ends within the test claim of 4 s.
        receiver.Delay = TimeSpan.FromMilliseconds(1200);
        await UseChaoyangEndpointsAsync($$"""{"kind":"webhook","url":"{{receiver.Url}}","secret":"{{Secret}}"}""");
        for (var i = 0; i < count; i++)
        {
            await RemoveDirectlyAsync($"kill-{i}");
        }

        var first = await Pipeline.StartNotifierAsync();
        await WaitUntilAsync(() => receiver.ProcessedLog.Count >= 4, TimeSpan.FromSeconds(30));
        await first.KillAsync();
        var deliveredAtKill = await Pipeline.ScalarAsync<long>("SELECT COUNT(*) FROM notification_outbox WHERE delivered_at IS NOT NULL");
        await Pipeline.StartNotifierAsync();
        await WaitUntilAsync(async () => await Pipeline.ScalarAsync<long>("SELECT COUNT(*) FROM notification_outbox WHERE delivered_at IS NOT NULL") == count, TimeSpan.FromSeconds(60));

        deliveredAtKill.Should().BeLessThan(count, "the Notifier was killed mid-batch");
        receiver.ProcessedLog.Should().HaveCount(count, Pipeline.ServiceLogs).And.OnlyHaveUniqueItems();
        receiver.Refused.Should().BeEmpty();
        (await Pipeline.ScalarAsync<long>("SELECT COUNT(*) FROM notification_outbox WHERE dead_lettered_at IS NOT NULL")).Should().Be(0);
    }

    [Fact]
    public async Task A_secret_post_is_reported_on_the_departments_queue_and_then_its_text_is_in_no_table_and_no_redis_key()
    {
        var queue = $"dept.110105.{Guid.NewGuid():N}";
        await UseChaoyangEndpointsAsync($$"""{"kind":"amqp","queue":"{{queue}}"}""");
        await Pipeline.StartScannerAsync();
        await Pipeline.StartNotifierAsync();
        await using var forum = await Pipeline.ConnectForumAsync();
        var secret = $"第三批次的交付地点改为西郊七号仓库{Guid.NewGuid():N}";

        await forum.PublishAsync(Posts.Create(Pipeline.BoardId, "secret-1", $"绝密★长期 内部资料 不得外传 {secret}"));
        var verdict = (await forum.ReadAsync(Pipeline.VerdictQueue, r => r.Count >= 1, TimeSpan.FromSeconds(30))).Single();
        await using var department = await ConnectAsync(Pipeline.VirtualHost.ServiceUrl);
        var report = (await department.ReadAsync(queue, r => r.Count >= 1, TimeSpan.FromSeconds(30))).Should().ContainSingle().Subject;
        await WaitUntilAsync(async () => await Pipeline.ScalarAsync<long>("SELECT COUNT(*) FROM incidents WHERE purged_at IS NOT NULL") == 1, TimeSpan.FromSeconds(30));

        Text(verdict, "action").Should().Be("Remove");
        Text(report, "boardId").Should().Be(Pipeline.BoardId);
        Text(report, "maskedExcerpt").Should().Contain("绝密★长期");
        report.GetRawText().Should().NotContain(secret);
        (await PostgresColumnsContainingAsync(secret)).Should().BeEmpty();
        (await RedisKeysContainingAsync(secret)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_board_suspended_for_an_overdue_rectification_has_its_next_post_rejected_at_once()
    {
        await Pipeline.StartScannerAsync();
        var api = await Pipeline.StartApiAsync();
        await using var forum = await Pipeline.ConnectForumAsync();
        await forum.PublishAsync(Posts.Create(Pipeline.BoardId, "before", "今天天气不错"));
        (await forum.ReadAsync(Pipeline.VerdictQueue, r => r.Count >= 1, TimeSpan.FromSeconds(30))).Should().ContainSingle(v => Text(v, "action") == "Publish");
        // Issued a week ago with a deadline yesterday: overdue now.
        var past = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(-7));
        var order = await new OrderRepository(Pipeline.Database.Database, past, Options.Create(new StorageOptions()))
            .IssueRectificationAsync("110000", Pipeline.BoardId, "Appoint a security officer", DateTimeOffset.UtcNow.AddDays(-1), "officer-bj", CancellationToken.None);
        using var officer = new HttpClient { BaseAddress = api.BaseAddress }.WithApiKey(TestCredentials.OfficerKey);

        var suspended = await officer.PostAsync(new Uri($"/api/v1/rectifications/{order!.OrderId}/suspend-board", UriKind.Relative), null);
        await forum.PublishAsync(Posts.Create(Pipeline.BoardId, "after", "今天天气不错"));
        var answer = (await forum.ReadAsync(Pipeline.VerdictQueue, r => r.Count >= 1, TimeSpan.FromSeconds(30))).Single();

        suspended.StatusCode.Should().Be(System.Net.HttpStatusCode.OK, await suspended.Content.ReadAsStringAsync());
        Text(answer, "postId").Should().Be("after");
        Text(answer, "code").Should().Be("BoardSuspended", "the board cache was dropped at suspension, not left to expire in 30 s");
    }

    [Fact]
    public async Task A_takedown_reaches_the_forums_queue_and_its_completion_is_recorded_once()
    {
        await Pipeline.StartScannerAsync();
        var api = await Pipeline.StartApiAsync();
        await Pipeline.StartNotifierAsync();
        await using var forum = await Pipeline.ConnectForumAsync();
        await forum.PublishAsync(Posts.Create(Pipeline.BoardId, "td-1", "绝密★长期 内部资料 不得外传 会议地点"));
        await forum.ReadAsync(Pipeline.VerdictQueue, r => r.Count >= 1, TimeSpan.FromSeconds(30));
        using var officer = new HttpClient { BaseAddress = api.BaseAddress }.WithApiKey(TestCredentials.OfficerKey);

        var issued = await officer.PostAsJsonAsync(new Uri("/api/v1/takedowns", UriKind.Relative),
            new { targets = new[] { new { boardId = Pipeline.BoardId, postId = "td-1" } }, deadline = DateTimeOffset.UtcNow.AddHours(4), reason = "Art. 15" });
        var orderId = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetString()!;
        var request = (await forum.ReadAsync(Pipeline.VerdictQueue, r => r.Count >= 1, TimeSpan.FromSeconds(30))).Single();
        var completed = JsonSerializer.SerializeToUtf8Bytes(new { orderId, boardId = Pipeline.BoardId, postId = "td-1", completedAt = DateTimeOffset.UtcNow });
        await forum.PublishToAsync("Moderation.Contracts:TakedownCompleted", completed);
        await forum.PublishToAsync("Moderation.Contracts:TakedownCompleted", completed);
        await WaitUntilAsync(async () => await Pipeline.ScalarAsync<string>("SELECT status FROM takedown_orders") == "Completed", TimeSpan.FromSeconds(30));
        await Task.Delay(500);

        Text(request, "orderId").Should().Be(orderId);
        request.GetProperty("targets")[0].GetProperty("postId").GetString().Should().Be("td-1");
        (await Pipeline.ScalarAsync<long>("SELECT COUNT(*) FROM incident_measures WHERE kind = 'TakedownCompleted'")).Should().Be(1);
    }

    private async Task UseChaoyangEndpointsAsync(params string[] endpoints)
    {
        var (departments, problems) = DepartmentFile.Parse($$"""{"id":"bj-chaoyang","name":"朝阳分局","divisionCode":"110105","endpoints":[{{string.Join(",", endpoints)}}]}""");
        problems.Should().BeEmpty();
        (await new DepartmentRepository(Pipeline.Database.Database, TimeProvider.System).ImportAsync(departments, CancellationToken.None)).Should().BeEmpty();
    }

    /// <summary>An incident as the scanner opens it, written straight to the database.</summary>
    private async Task RemoveDirectlyAsync(string postId)
    {
        var now = DateTimeOffset.UtcNow;
        await new ScanStore(Pipeline.Database.Database, Options.Create(new StorageOptions())).SaveAsync(new ScanWrite
        {
            Post = new PostRecord { BoardId = Pipeline.BoardId, PostId = postId, Channel = "Bbs", AuthorId = "a", Body = "绝密★长期 …", SubmittedAt = now, ReceivedAt = now },
            Action = "Remove",
            Score = 0.98,
            ReasonsJson = "[]",
            RuleSetVersion = "test",
            ScannedAt = now,
            Incident = new IncidentOpening
            {
                BoardId = Pipeline.BoardId,
                PostId = postId,
                Source = "Scan",
                OpenedBy = "scanner",
                MaskedExcerpt = "绝密★长期 ＊",
                DetectedAt = now,
                RemovalDetail = "Removed by the automatic scan.",
            },
            Verdict = new OutboundMessage(Pipeline.VerdictQueue, "PostVerdict", "{}"),
        }, CancellationToken.None);
    }

    /// <summary>Every text column of every table holding <paramref name="text"/>.</summary>
    private async Task<List<string>> PostgresColumnsContainingAsync(string text)
    {
        await using var connection = await Pipeline.Database.Database.OpenAsync(CancellationToken.None);
        var columns = await connection.QueryAsync<(string Table, string Column)>("""
            SELECT table_name, column_name FROM information_schema.columns
             WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'bytea')
            """);
        var hits = new List<string>();
        foreach (var (table, column) in columns)
        {
            // Names come from the catalogue, never from input.
            var sql = $"SELECT COUNT(*) FROM \"{table}\" WHERE strpos(CAST(\"{column}\" AS text), @text) > 0";
            if (await connection.ExecuteScalarAsync<long>(sql, new { text }) > 0)
            {
                hits.Add($"{table}.{column}");
            }
        }

        return hits;
    }

    /// <summary>Every Redis key whose name or value (of any type) holds <paramref name="text"/>.</summary>
    private static async Task<List<string>> RedisKeysContainingAsync(string text)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(TestServers.Redis);
        var database = redis.GetDatabase();
        var hits = new List<string>();
        foreach (var endpoint in redis.GetEndPoints())
        {
            await foreach (var key in redis.GetServer(endpoint).KeysAsync(pattern: "*", pageSize: 1000))
            {
                var values = await database.KeyTypeAsync(key) switch
                {
                    RedisType.String => [await database.StringGetAsync(key)],
                    RedisType.Hash => (await database.HashGetAllAsync(key)).SelectMany(e => new[] { e.Name, e.Value }).ToArray(),
                    RedisType.Set => await database.SetMembersAsync(key),
                    RedisType.List => await database.ListRangeAsync(key),
                    RedisType.SortedSet => await database.SortedSetRangeByRankAsync(key),
                    _ => [],
                };
                if (key.ToString().Contains(text, StringComparison.Ordinal) || values.Any(v => v.HasValue && Encoding.UTF8.GetString((byte[])v!).Contains(text, StringComparison.Ordinal)))
                {
                    hits.Add(key.ToString());
                }
            }
        }

        return hits;
    }

    private static Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout) => WaitUntilAsync(() => Task.FromResult(condition()), timeout);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Condition not met within {timeout}.");
            }

            await Task.Delay(100);
        }
    }
}
