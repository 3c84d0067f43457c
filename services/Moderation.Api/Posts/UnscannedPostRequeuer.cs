using Moderation.Intake;
using Moderation.Hosting;
using Moderation.Storage.Posts;

namespace Moderation.Api.Posts;

/// <summary>
/// Queues again the posts accepted over HTTP that have no scan yet: the process may have stopped
/// between storing a post and the broker taking it. Runs once the host (and its bus) has started,
/// then every few minutes for posts that have waited unusually long. Scanning is idempotent, so a
/// post queued twice is scanned once.
/// </summary>
internal sealed class UnscannedPostRequeuer(
    PostRepository posts,
    PostPublisher publisher,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<UnscannedPostRequeuer> logger) : PeriodicWork(time, logger)
{
    private const int BatchSize = 500;

    /// <summary>Null before the first pass, which takes every post received before it.</summary>
    private DateTimeOffset? _receivedBefore;

    protected override TimeSpan Interval { get; } = TimeSpan.FromMinutes(5);

    protected override string Activity => "queue unscanned posts again";

    protected override bool RunsAtStart => true;

    /// <summary>Posts are queued through the bus, which the host starts after this service: wait for it.</summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (await StartedAsync(stoppingToken))
        {
            await base.ExecuteAsync(stoppingToken);
        }
    }

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await RequeueAsync(_receivedBefore ?? Time.GetUtcNow(), cancellationToken);
        // Later sweeps leave alone posts that may simply still be in the queue.
        _receivedBefore = Time.GetUtcNow() - Interval;
    }

    private async Task RequeueAsync(DateTimeOffset receivedBefore, CancellationToken cancellationToken)
    {
        var total = 0;
        IReadOnlyList<PostRecord> batch;
        var seen = new HashSet<(string, string, int)>();
        do
        {
            batch = await posts.FindUnscannedAsync(receivedBefore, BatchSize, cancellationToken);
            var fresh = batch.Where(p => seen.Add((p.BoardId, p.PostId, p.Revision))).ToList();
            foreach (var post in fresh)
            {
                await publisher.PublishAsync(PostRecords.ToSubmission(post), cancellationToken);
            }

            total += fresh.Count;
            // Posts just queued stay unscanned for a moment; stop when a batch brings nothing new.
            if (fresh.Count == 0)
            {
                break;
            }
        }
        while (batch.Count == BatchSize);

        if (total > 0)
        {
            logger.LogInformation("Queued {Count} accepted but unscanned post(s) again", total);
        }
    }

    private async Task<bool> StartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using var onStarted = lifetime.ApplicationStarted.Register(started.SetResult);
        using var onStopping = stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        try
        {
            await started.Task;
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
