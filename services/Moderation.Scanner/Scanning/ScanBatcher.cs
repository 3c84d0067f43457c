using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Moderation.Outbox;
using Moderation.Storage.Outbox;
using Moderation.Storage.Scans;

namespace Moderation.Scanner.Scanning;

/// <summary>
/// Group commit of the posts the consumer is scanning at once: each consumer hands its scan here and
/// waits; a flush takes whatever writes are waiting (up to <see cref="ScannerOptions.WriteBatchSize"/>),
/// saves them in one transaction (<see cref="ScanStore.SaveBatchAsync"/>), sends their verdicts
/// together after commit through the outbox, and only then lets each consumer return and its message
/// be acknowledged. So every message keeps its own delivery: a crash before the commit leaves the
/// whole batch unacknowledged and redelivered (the unique scan key makes that one effect per
/// revision), and a write the database refuses fails the batch, which is then saved one write at a
/// time so that only the refused one fails, is retried and dead-lettered by its own consumer while
/// its neighbours get their verdicts. A flush takes no linger: under light load a batch is one post
/// and costs what it did alone; under load, posts arriving during a flush form the next batch.
/// </summary>
internal sealed class ScanBatcher(ScanStore scans, MessageOutbox outbox, IOptions<ScannerOptions> options, ScannerMetrics metrics, ILogger<ScanBatcher> logger)
    : BackgroundService
{
    private readonly Channel<Pending> _waiting = Channel.CreateUnbounded<Pending>();

    /// <summary>Saves the scan with the batch it joins and sends its verdict; returns once both are done.</summary>
    public async Task<ScanSaved> SaveAndSendAsync(ScanWrite write, CancellationToken cancellationToken)
    {
        // The flush runs on its own task: keep the scan's span so the batch's work joins its trace.
        var pending = new Pending(write, Activity.Current?.Context ?? default);
        if (!_waiting.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("The scanner is stopping; the post is left to be delivered again.");
        }

        return await pending.Done.Task.WaitAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.WhenAll(Enumerable.Range(0, options.Value.ConcurrentWriteBatches).Select(_ => FlushLoopAsync(stoppingToken)));
        // Stopping: writes no flush took are refused, so their messages are delivered again.
        _waiting.Writer.TryComplete();
        while (_waiting.Reader.TryRead(out var left))
        {
            left.Done.TrySetCanceled(stoppingToken);
        }
    }

    private async Task FlushLoopAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(options.Value.WriteBatchSize);
        try
        {
            while (await _waiting.Reader.WaitToReadAsync(stoppingToken))
            {
                batch.Clear();
                while (batch.Count < options.Value.WriteBatchSize && _waiting.Reader.TryRead(out var next))
                {
                    batch.Add(next);
                }

                if (batch.Count > 0)
                {
                    // Not cancelled by stopping: a flush that has begun commits and sends, briefly, rather than leave its consumers to time out.
                    await FlushAsync(batch);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task FlushAsync(List<Pending> batch)
    {
        metrics.Batch(batch.Count);
        var saved = new ScanSaved?[batch.Count];
        try
        {
            // One transaction for the batch: its span continues the first post's trace, linked to the others'.
            using var save = BatchSpan("save batch", batch);
            var all = await scans.SaveBatchAsync([.. batch.Select(p => p.Write)], CancellationToken.None);
            for (var i = 0; i < all.Count; i++)
            {
                saved[i] = all[i];
            }
        }
        catch (Exception ex) when (batch.Count > 1)
        {
            logger.LogWarning(ex, "A batch of {Count} scans was refused; saving them one at a time so that only the refused one fails", batch.Count);
            for (var i = 0; i < batch.Count; i++)
            {
                try
                {
                    saved[i] = await scans.SaveAsync(batch[i].Write, CancellationToken.None);
                }
                catch (Exception one)
                {
                    batch[i].Done.TrySetException(one);
                }
            }
        }
        catch (Exception ex)
        {
            batch[0].Done.TrySetException(ex);
            return;
        }

        var toSend = Enumerable.Range(0, batch.Count).Where(i => saved[i] is { Created: true }).ToList();
        // Each post's send stage, timed and traced as its own, around the batch's one send.
        var stages = toSend.Select(i => metrics.Stage("send", batch[i].Trace)).ToList();
        try
        {
            using var send = BatchSpan("send batch", [.. toSend.Select(i => batch[i])]);
            await outbox.TryDispatchManyAsync([.. toSend.Select(i => (saved[i]!.VerdictOutboxId!.Value, (OutboundMessage)batch[i].Write.Verdict))], CancellationToken.None);
        }
        finally
        {
            stages.ForEach(stage => stage.Dispose());
        }

        for (var i = 0; i < batch.Count; i++)
        {
            if (saved[i] is { } result)
            {
                batch[i].Done.TrySetResult(result);
            }
        }
    }

    /// <summary>A span for work done once for many posts: a child of the first post's trace, linked to every other post's.</summary>
    private static Activity? BatchSpan(string name, List<Pending> batch)
    {
        if (batch.Count == 0)
        {
            return null;
        }

        var span = ScannerMetrics.Spans.StartActivity(name, ActivityKind.Internal, batch[0].Trace, links: [.. batch.Skip(1).Where(p => p.Trace != default).Select(p => new ActivityLink(p.Trace))]);
        span?.SetTag("moderation.batch.size", batch.Count);
        return span;
    }

    private sealed class Pending(ScanWrite write, ActivityContext trace)
    {
        public ScanWrite Write { get; } = write;

        public ActivityContext Trace { get; } = trace;

        // Consumers continue on their own threads, not inside the flush that completes them.
        public TaskCompletionSource<ScanSaved> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
