using Moderation.Integration.Tests.Support;
using Moderation.Storage.Outbox;
using static Moderation.Integration.Tests.Support.ForumClient;

namespace Moderation.Integration.Tests;

[Collection(PipelineCollection.Name)]
public sealed class ResilienceSpecs : PipelineSpecs
{
    [Fact]
    public async Task A_scanner_killed_mid_batch_and_started_again_loses_nothing()
    {
        const int count = 1000;
        var scanner = await Pipeline.StartScannerAsync();
        await using var forum = await Pipeline.ConnectForumAsync();
        // Verdicts are read while the posts are still being published, so the kill lands mid-batch
        // however the scanner's speed compares with the publisher's.
        var publishing = Task.Run(async () =>
        {
            for (var i = 0; i < count; i++)
            {
                await forum.PublishAsync(Posts.Mixed(Pipeline.BoardId, i));
            }
        });

        var beforeKill = await forum.ReadAsync(Pipeline.VerdictQueue, r => r.Count >= 150, TimeSpan.FromSeconds(60));
        await scanner.KillAsync();
        await publishing;
        var scannedWhenKilled = await Pipeline.ScalarAsync<long>("SELECT COUNT(*) FROM scans");
        await Pipeline.StartScannerAsync();

        var verdicts = beforeKill.Concat(await forum.ReadAsync(
            Pipeline.VerdictQueue,
            r => r.Select(v => Text(v, "postId")).Concat(beforeKill.Select(v => Text(v, "postId"))).Distinct().Count() >= count,
            TimeSpan.FromSeconds(120))).ToList();

        beforeKill.Count.Should().BeGreaterThanOrEqualTo(150, Pipeline.ServiceLogs);
        scannedWhenKilled.Should().BeLessThan(count, "the scanner must have been killed mid-batch");
        verdicts.Select(v => Text(v, "postId")).Distinct().Should().HaveCount(count, Pipeline.ServiceLogs);
        // At least once: a verdict sent just before the kill but not yet marked sent may come twice,
        // and then it is the same verdict.
        verdicts.GroupBy(v => Text(v, "postId")).Should().OnlyContain(g => g.Select(v => Text(v, "action")).Distinct().Count() == 1);
        (await Pipeline.ScalarAsync<long>("SELECT COUNT(*) FROM scans")).Should().Be(count);
        (await Pipeline.ScalarAsync<long>("SELECT COUNT(*) FROM incidents")).Should().Be(count / 10);
        // Verdicts the killed scanner sent but had not marked sent are sent again by the relay once their claim runs out.
        (await UnsentAfterRelayAsync()).Should().Be(0, Pipeline.ServiceLogs);
    }

    private async Task<long> UnsentAfterRelayAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        long unsent;
        while ((unsent = await Pipeline.ScalarAsync<long>(OutboxTable.CountUnsentSql)) > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }

        return unsent;
    }

    [Fact]
    public async Task Two_scanner_replicas_share_the_queue_without_scanning_anything_twice()
    {
        const int count = 400;
        await Pipeline.StartScannerAsync();
        await Pipeline.StartScannerAsync();
        await using var forum = await Pipeline.ConnectForumAsync();
        for (var i = 0; i < count; i++)
        {
            var post = Posts.Mixed(Pipeline.BoardId, i);
            await forum.PublishAsync(post);
            // Every tenth post is published twice, as a forum retrying after a lost confirm would.
            if (i % 10 == 0)
            {
                await forum.PublishAsync(post);
            }
        }

        var verdicts = await forum.ReadAsync(Pipeline.VerdictQueue, r => r.Count >= count, TimeSpan.FromSeconds(90));
        verdicts.AddRange(await forum.ReadAsync(Pipeline.VerdictQueue, _ => false, TimeSpan.FromSeconds(2)));

        verdicts.Should().HaveCount(count, Pipeline.ServiceLogs);
        verdicts.Select(v => Text(v, "postId")).Should().OnlyHaveUniqueItems();
        (await Pipeline.ScalarAsync<long>("SELECT COUNT(*) FROM scans")).Should().Be(count);
    }
}
