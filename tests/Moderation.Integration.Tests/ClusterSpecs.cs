using System.Collections.Concurrent;
using System.Diagnostics;
using Moderation.Integration.Tests.Support;
using Xunit.Abstractions;
using static Moderation.Integration.Tests.Support.ForumClient;

namespace Moderation.Integration.Tests;

/// <summary>
/// The pipeline on a three-node RabbitMQ cluster (deploy/local, <see cref="RabbitMqCluster"/>), its
/// quorum queues replicated on every node and the services connected to all three
/// (<c>Moderation:Messaging:ClusterNodes</c>). A forum streams posts while one node is stopped and
/// started again, and then while the node leading the posts queue is stopped: every post still gets
/// exactly one verdict and one scan row. The figures of the run are written to the test output.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class ClusterSpecs(RabbitMqCluster cluster, ITestOutputHelper output) : IClassFixture<RabbitMqCluster>
{
    private const string PostsQueue = "post-submitted";

    /// <summary>Slow enough for a scanner on a busy two-core machine to keep up, so the faults land in a stream, not a backlog.</summary>
    private static readonly TimeSpan PublishInterval = TimeSpan.FromMilliseconds(50);

    [Fact]
    public async Task Posts_streamed_while_a_node_and_then_the_queue_leaders_node_are_stopped_each_get_one_verdict_and_one_scan()
    {
        var run = Stopwatch.StartNew();
        await using var pipeline = await Pipeline.CreateAsync(cluster.Broker);
        var vhost = pipeline.VirtualHost.Name;
        await pipeline.StartScannerAsync();
        await using var forum = await ForumClient.ConnectAsync(pipeline.OperatorUrl, cluster.Broker.OtherNodes);
        var ready = run.Elapsed;

        var published = new ConcurrentBag<string>();
        var retried = 0;
        using var stopPublishing = new CancellationTokenSource();
        var stream = Task.Run(async () =>
        {
            for (var i = 0; !stopPublishing.IsCancellationRequested; i++)
            {
                var post = Posts.Mixed(pipeline.BoardId, i);
                if (await forum.PublishUntilConfirmedAsync(post, TimeSpan.FromSeconds(60)) > 1)
                {
                    Interlocked.Increment(ref retried);
                }

                published.Add(post.PostId);
                await Task.Delay(PublishInterval);
            }
        });

        // Before any fault: the posts queue and the operator's verdict queue (declared by the first
        // verdict, without a type: quorum by the virtual host's default) have a replica on every node.
        await ScansAtLeastAsync(pipeline, 40);
        var postsQueue = await cluster.QueueAsync(vhost, PostsQueue);
        var verdictQueue = await cluster.QueueAsync(vhost, pipeline.VerdictQueue);
        var everyNode = Enumerable.Range(1, RabbitMqCluster.Nodes).Select(cluster.NodeName).Order(StringComparer.Ordinal).ToList();

        // One node that leads neither queue is stopped in the middle of the stream and started again.
        var leaders = new[] { postsQueue!.Leader, verdictQueue!.Leader };
        var follower = Enumerable.Range(1, RabbitMqCluster.Nodes).First(k => !leaders.Contains(cluster.NodeName(k)));
        var faultWatch = Stopwatch.StartNew();
        await cluster.StopNodeAsync(follower);
        var scannedAtFirstStop = await ScansAsync(pipeline);
        await ScansAtLeastAsync(pipeline, scannedAtFirstStop + 40);
        var scannedWhileFollowerDown = await ScansAsync(pipeline) - scannedAtFirstStop;
        await cluster.StartNodeAsync(follower);
        var caughtUp = await AllReplicasOnlineAsync(vhost, everyNode);
        var firstFault = faultWatch.Elapsed;

        // Then the node that leads the posts queue (and, holding the services' first connections, most leaders).
        var leaderName = (await cluster.QueueAsync(vhost, PostsQueue))!.Leader!;
        var leader = cluster.NodeNumber(leaderName);
        var scannedAtLeaderStop = await ScansAsync(pipeline);
        faultWatch.Restart();
        await cluster.StopNodeAsync(leader);
        await ScansAtLeastAsync(pipeline, scannedAtLeaderStop + 1);
        var recovery = faultWatch.Elapsed;
        var newLeader = (await cluster.QueueAsync(vhost, PostsQueue))?.Leader;
        await ScansAtLeastAsync(pipeline, scannedAtLeaderStop + 40);
        await stopPublishing.CancelAsync();
        await stream;

        var posts = published.ToHashSet();
        var verdicts = await forum.ReadAsync(pipeline.VerdictQueue, r => r.Select(v => Text(v, "postId")).Distinct().Count() >= posts.Count, TimeSpan.FromSeconds(120));
        // A duplicate would come after the last first verdict: wait a little for it.
        verdicts.AddRange(await forum.ReadAsync(pipeline.VerdictQueue, _ => false, TimeSpan.FromSeconds(3)));
        var scans = await pipeline.ScalarAsync<long>("SELECT COUNT(*) FROM scans");
        var scannedPosts = await pipeline.ScalarAsync<long>("SELECT COUNT(DISTINCT post_id) FROM scans");

        output.WriteLine($"cluster start {cluster.StartTime.TotalSeconds:0.0} s; pipeline ready {ready.TotalSeconds:0.0} s; load average {LoadAverage()}");
        output.WriteLine($"posts {posts.Count}, republished after a lost confirm {retried}, verdicts {verdicts.Count} for {verdicts.Select(v => Text(v, "postId")).Distinct().Count()} posts, scans {scans}");
        output.WriteLine($"node {follower} ({cluster.NodeName(follower)}) down and back, replicas in sync: {firstFault.TotalSeconds:0.0} s, {scannedWhileFollowerDown} posts scanned meanwhile");
        output.WriteLine($"leader node {leader} ({leaderName}) stopped: first scan after {recovery.TotalSeconds:0.0} s; new leader {newLeader}");
        output.WriteLine($"test {run.Elapsed.TotalSeconds:0.0} s");

        postsQueue.Type.Should().Be("quorum");
        postsQueue.Members.Should().Equal(everyNode, "the posts queue has a replica on every node");
        verdictQueue.Type.Should().Be("quorum", "the virtual host's default queue type makes the operator's queue a quorum queue");
        verdictQueue.Members.Should().Equal(everyNode);
        caughtUp.Should().BeTrue($"node {follower} rejoins and its replicas come back online");
        newLeader.Should().NotBeNull().And.NotBe(leaderName, "a replica on a running node takes over");
        verdicts.Select(v => Text(v, "postId")).Should().BeEquivalentTo(posts, "every post gets exactly one verdict\n" + pipeline.ServiceLogs);
        verdicts.Where(v => Text(v, "action") != ExpectedAction(v)).Should().BeEmpty("each verdict is the one its post calls for");
        scans.Should().Be(posts.Count, "every post has exactly one scan row");
        scannedPosts.Should().Be(posts.Count);
    }

    /// <summary>The action a mixed post (<c>post-00042</c>) calls for.</summary>
    private static string ExpectedAction(System.Text.Json.JsonElement verdict) =>
        Posts.ExpectedAction(int.Parse(Text(verdict, "postId").AsSpan(5), System.Globalization.CultureInfo.InvariantCulture)).ToString();

    private static Task<long> ScansAsync(Pipeline pipeline) => pipeline.ScalarAsync<long>("SELECT COUNT(*) FROM scans");

    private static async Task ScansAtLeastAsync(Pipeline pipeline, long count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (await ScansAsync(pipeline) < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Fewer than {count} scans after 90 s:\n{pipeline.ServiceLogs}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Whether the posts queue has every node's replica online again (the restarted one caught up with the log).</summary>
    private async Task<bool> AllReplicasOnlineAsync(string vhost, IReadOnlyList<string> everyNode)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if ((await cluster.QueueAsync(vhost, PostsQueue))?.Online.SequenceEqual(everyNode) == true)
            {
                return true;
            }

            await Task.Delay(250);
        }

        return false;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
