using System.Text;
using System.Text.Json;
using Moderation.Contracts;
using Moderation.Integration.Tests.Support;
using Moderation.Storage.Outbox;
using StackExchange.Redis;
using static Moderation.Integration.Tests.Support.ForumClient;

namespace Moderation.Integration.Tests;

/// <summary>The scanning pipeline end to end on the real RabbitMQ, PostgreSQL and Redis.</summary>
[Collection(PipelineCollection.Name)]
public sealed class ScanningPipelineSpecs : PipelineSpecs
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    [Fact]
    public async Task A_thousand_mixed_posts_each_get_exactly_one_verdict_and_one_scan_row()
    {
        const int count = 1000;
        await Pipeline.StartScannerAsync();
        await using var forum = await Pipeline.ConnectForumAsync();

        for (var i = 0; i < count; i++)
        {
            await forum.PublishAsync(Posts.Mixed(Pipeline.BoardId, i));
        }

        var verdicts = await forum.ReadAsync(Pipeline.VerdictQueue, r => r.Count >= count, Patience);
        // Anything extra would be a duplicate: give it a moment to show up.
        verdicts.AddRange(await forum.ReadAsync(Pipeline.VerdictQueue, _ => false, TimeSpan.FromSeconds(2)));

        verdicts.Should().HaveCount(count, Pipeline.ServiceLogs);
        verdicts.Select(v => Text(v, "postId")).Should().OnlyHaveUniqueItems();
        foreach (var verdict in verdicts)
        {
            var index = int.Parse(Text(verdict, "postId")["post-".Length..], System.Globalization.CultureInfo.InvariantCulture);
            Text(verdict, "action").Should().Be(Posts.ExpectedAction(index).ToString(), verdict.GetRawText());
        }

        (await Pipeline.ScalarAsync<long>("SELECT COUNT(*) FROM scans")).Should().Be(count);
        (await Pipeline.ScalarAsync<long>("SELECT COUNT(DISTINCT post_id) FROM scans")).Should().Be(count);
        (await Pipeline.ScalarAsync<long>("SELECT COUNT(*) FROM review_cases WHERE kind = 'Hold'")).Should().Be(count / 10);
        (await Pipeline.ScalarAsync<long>("SELECT COUNT(*) FROM review_cases WHERE kind = 'Remove'")).Should().Be(count / 10);
        (await Pipeline.ScalarAsync<long>("SELECT COUNT(*) FROM incidents")).Should().Be(count / 10);
        (await Pipeline.ScalarAsync<long>("SELECT COUNT(*) FROM notification_outbox")).Should().Be(count / 10);
        (await Pipeline.ScalarAsync<long>(OutboxTable.CountUnsentSql)).Should().Be(0);
    }

    [Fact]
    public async Task The_same_post_delivered_twice_has_one_effect()
    {
        await Pipeline.StartScannerAsync();
        await using var forum = await Pipeline.ConnectForumAsync();
        var post = Posts.Create(Pipeline.BoardId, "twice", "机密★5年 通知");

        await forum.PublishAsync(post, messageId: "same-message");
        await forum.PublishAsync(post, messageId: "same-message");
        await forum.PublishAsync(post);

        var verdicts = await forum.ReadAsync(Pipeline.VerdictQueue, _ => false, TimeSpan.FromSeconds(5));
        verdicts.Should().ContainSingle(Pipeline.ServiceLogs).Which.GetProperty("action").GetString().Should().Be("Hold");
        (await Pipeline.ScalarAsync<long>("SELECT COUNT(*) FROM scans WHERE post_id = 'twice'")).Should().Be(1);
        (await Pipeline.ScalarAsync<long>("SELECT COUNT(*) FROM review_cases WHERE post_id = 'twice'")).Should().Be(1);
    }

    [Fact]
    public async Task An_edit_is_scanned_again()
    {
        await Pipeline.StartScannerAsync();
        await using var forum = await Pipeline.ConnectForumAsync();

        await forum.PublishAsync(Posts.Create(Pipeline.BoardId, "edited", "今天开会，记得带笔记本。"));
        await forum.PublishAsync(Posts.Create(Pipeline.BoardId, "edited", "今天开会。附：绝密★长期 内部资料 不得外传", revision: 1));

        var verdicts = await forum.ReadAsync(Pipeline.VerdictQueue, r => r.Count >= 2, Patience);
        verdicts.Select(v => (v.GetProperty("revision").GetInt32(), Text(v, "action"))).Should().BeEquivalentTo([(0, "Publish"), (1, "Remove")], Pipeline.ServiceLogs);
        (await Pipeline.ScalarAsync<long>("SELECT COUNT(*) FROM scans WHERE post_id = 'edited'")).Should().Be(2);
    }

    [Fact]
    public async Task Posts_for_an_unknown_or_suspended_board_are_rejected_to_the_operator_with_a_reason()
    {
        await Pipeline.StartScannerAsync();
        await using var forum = await Pipeline.ConnectForumAsync();

        await forum.PublishAsync(Posts.Create("no-such-board", "lost", "hello"));
        await forum.PublishAsync(Posts.Create(Pipeline.SuspendedBoardId, "paused", "hello"));

        var notices = await forum.ReadAsync(Pipeline.VerdictQueue, r => r.Count >= 2, Patience);
        notices.Should().HaveCount(2, Pipeline.ServiceLogs);
        var lost = notices.Single(n => Text(n, "postId") == "lost");
        Text(lost, "code").Should().Be(nameof(RejectionCode.UnknownBoard));
        Text(lost, "reason").Should().Contain("'no-such-board' is not registered");
        Text(notices.Single(n => Text(n, "postId") == "paused"), "code").Should().Be(nameof(RejectionCode.BoardSuspended));
        (await Pipeline.ScalarAsync<long>("SELECT COUNT(*) FROM scans")).Should().Be(0);
    }

    [Fact]
    public async Task A_post_published_by_another_operator_is_refused_and_its_verdict_queue_stays_private()
    {
        await Pipeline.StartScannerAsync();
        await using var intruder = await Pipeline.ConnectForumAsync("forum-other");
        await using var owner = await Pipeline.ConnectForumAsync();

        await intruder.PublishAsync(Posts.Create(Pipeline.BoardId, "spoofed", "机密★10年"));

        var refused = await intruder.ReadAsync("moderation.rejected", r => r.Count >= 1, Patience);
        Text(refused.Should().ContainSingle(Pipeline.ServiceLogs).Subject, "code").Should().Be(nameof(RejectionCode.NotBoardOperator));
        (await owner.CountAsync(Pipeline.VerdictQueue)).Should().Be(0);
        (await Pipeline.ScalarAsync<long>("SELECT COUNT(*) FROM scans")).Should().Be(0);
    }

    [Fact]
    public async Task A_message_that_cannot_be_read_is_kept_in_the_error_queue_and_the_queue_keeps_moving()
    {
        await Pipeline.StartScannerAsync();
        await using var forum = await Pipeline.ConnectForumAsync();

        await forum.PublishRawAsync(Encoding.UTF8.GetBytes("this is { not json"));
        await forum.PublishAsync(Posts.Create(Pipeline.BoardId, "after-poison", "普通的帖子"));

        var verdicts = await forum.ReadAsync(Pipeline.VerdictQueue, r => r.Count >= 1, Patience);
        Text(verdicts.Should().ContainSingle(Pipeline.ServiceLogs).Subject, "postId").Should().Be("after-poison");
        // The error queue is the system's: the forum's own user may not look at it.
        await using var system = await ForumClient.ConnectAsync(Pipeline.VirtualHost.ServiceUrl);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (await system.CountAsync("post-submitted_error") == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        (await system.CountAsync("post-submitted_error")).Should().Be(1, Pipeline.ServiceLogs);
    }

    [Fact]
    public async Task A_poison_message_in_a_burst_is_dead_lettered_alone_while_every_neighbour_gets_its_verdict()
    {
        const int count = 200;
        await Pipeline.StartScannerAsync();
        await using var forum = await Pipeline.ConnectForumAsync();

        // Published back to back, so the scanner takes the poison and its neighbours at once and
        // saves the neighbours in the same batches.
        for (var i = 0; i < count; i++)
        {
            if (i == count / 2)
            {
                await forum.PublishRawAsync(Encoding.UTF8.GetBytes("{\"boardId\": this is not json"));
            }

            await forum.PublishAsync(Posts.Mixed(Pipeline.BoardId, i));
        }

        var verdicts = await forum.ReadAsync(Pipeline.VerdictQueue, r => r.Count >= count, Patience);
        verdicts.AddRange(await forum.ReadAsync(Pipeline.VerdictQueue, _ => false, TimeSpan.FromSeconds(2)));
        verdicts.Should().HaveCount(count, Pipeline.ServiceLogs);
        verdicts.Select(v => Text(v, "postId")).Should().OnlyHaveUniqueItems();
        await using var system = await ForumClient.ConnectAsync(Pipeline.VirtualHost.ServiceUrl);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (await system.CountAsync("post-submitted_error") == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        (await system.CountAsync("post-submitted_error")).Should().Be(1, Pipeline.ServiceLogs);
        (await Pipeline.ScalarAsync<long>("SELECT COUNT(*) FROM scans")).Should().Be(count);
    }

    [Fact]
    public async Task Board_lookups_are_cached_in_redis()
    {
        await Pipeline.StartScannerAsync();
        await using var forum = await Pipeline.ConnectForumAsync();
        await forum.PublishAsync(Posts.Create(Pipeline.BoardId, "cached", "hello"));
        (await forum.ReadAsync(Pipeline.VerdictQueue, r => r.Count >= 1, Patience)).Should().ContainSingle(Pipeline.ServiceLogs);

        await using var redis = await ConnectionMultiplexer.ConnectAsync(Moderation.Testing.TestServers.Redis);
        var cached = await redis.GetDatabase().HashGetAsync($"moderation:board:{Pipeline.BoardId}", "data");

        cached.HasValue.Should().BeTrue();
        using var board = JsonDocument.Parse((byte[])cached!);
        board.RootElement.GetProperty("operatorId").GetString().Should().Be(Pipeline.OperatorId);
    }
}
