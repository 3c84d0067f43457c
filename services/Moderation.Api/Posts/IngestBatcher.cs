using System.Diagnostics;
using Microsoft.Extensions.Options;
using Moderation.Contracts;
using Moderation.Storage.Posts;

namespace Moderation.Api.Posts;

/// <summary>
/// Group commit for HTTP ingest: posts accepted by concurrent requests are stored in one transaction
/// and then queued, and each request is answered once its own post is both stored and queued, as it
/// was when each request wrote alone. A failed batch is retried one post at a time, so a post that
/// cannot be stored or queued fails only its own request.
/// </summary>
internal sealed class IngestBatcher : BackgroundService
{
    /// <summary>Spans of the batch's work, each post's continuing its request's trace.</summary>
    public static readonly ActivitySource Spans = new("Moderation.Api.Ingest");

    private readonly System.Threading.Channels.Channel<Pending> _pending = System.Threading.Channels.Channel.CreateUnbounded<Pending>(new System.Threading.Channels.UnboundedChannelOptions { SingleWriter = false });
    private readonly IngestOptions _options;
    private readonly Func<IReadOnlyList<PostRecord>, CancellationToken, Task> _storeMany;
    private readonly Func<PostRecord, CancellationToken, Task> _storeOne;
    private readonly Func<PostSubmitted, CancellationToken, Task> _publish;
    private readonly ILogger<IngestBatcher> _logger;

    public IngestBatcher(PostRepository posts, PostPublisher publisher, IOptions<IngestOptions> options, ILogger<IngestBatcher> logger)
        : this(posts.AcceptManyAsync, (post, token) => posts.AcceptAsync(post, token), publisher.PublishAsync, options.Value, logger)
    {
    }

    internal IngestBatcher(
        Func<IReadOnlyList<PostRecord>, CancellationToken, Task> storeMany,
        Func<PostRecord, CancellationToken, Task> storeOne,
        Func<PostSubmitted, CancellationToken, Task> publish,
        IngestOptions options,
        ILogger<IngestBatcher> logger)
    {
        _storeMany = storeMany;
        _storeOne = storeOne;
        _publish = publish;
        _options = options;
        _logger = logger;
    }

    /// <summary>Completes when the post is stored and queued; throws what storing or queueing it threw.</summary>
    public Task SubmitAsync(PostRecord record, PostSubmitted post, CancellationToken cancellationToken)
    {
        // The batch is written on another task: carry the request's trace so its store and queue join it.
        var pending = new Pending(record, post, Activity.Current?.Context ?? default);
        if (!_pending.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("HTTP ingest is shutting down; submit the post again.");
        }

        // The request may give up waiting; the post is still stored and queued (both are idempotent).
        return pending.Done.Task.WaitAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, _options.Writers).Select(_ => WriteBatchesAsync(stoppingToken)));

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Posts already taken are written before the host stops; new ones are refused.
        _pending.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    private async Task WriteBatchesAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(_options.MaxBatch);
        while (await _pending.Reader.WaitToReadAsync(CancellationToken.None))
        {
            batch.Clear();
            while (batch.Count < _options.MaxBatch && _pending.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            if (batch.Count > 0)
            {
                // Not the stopping token: a batch taken from the channel is finished, or its requests never hear back.
                await WriteAsync(batch, stoppingToken.IsCancellationRequested ? CancellationToken.None : stoppingToken);
            }
        }
    }

    private async Task WriteAsync(List<Pending> batch, CancellationToken cancellationToken)
    {
        var stored = batch;
        try
        {
            using (var span = Spans.StartActivity("store posts", ActivityKind.Internal, parentContext: default, links: [.. batch.Where(p => p.Trace != default).Select(p => new ActivityLink(p.Trace))]))
            {
                span?.SetTag("moderation.batch.size", batch.Count);
                await _storeMany([.. batch.Select(p => p.Record)], cancellationToken);
            }
        }
        catch (Exception exception) when (batch.Count > 1)
        {
            _logger.LogWarning(exception, "A batch of {Count} posts could not be stored together; storing them one at a time", batch.Count);
            stored = await EachAsync(batch, p => _storeOne(p.Record, cancellationToken));
        }
        catch (Exception exception)
        {
            batch[0].Done.TrySetException(exception);
            return;
        }

        var queued = await EachAsync(stored, async p =>
        {
            // Parented on the request: the publish (and the scan after it) continue the request's trace.
            using var span = Spans.StartActivity("queue post", ActivityKind.Internal, p.Trace);
            span?.SetTag("moderation.batch.size", stored.Count);
            await _publish(p.Post, cancellationToken);
        });
        foreach (var pending in queued)
        {
            pending.Done.TrySetResult();
        }
    }

    /// <summary>Runs the step for every post at once; a post whose step fails is answered with it and left out.</summary>
    private static async Task<List<Pending>> EachAsync(List<Pending> batch, Func<Pending, Task> step)
    {
        var outcomes = await Task.WhenAll(batch.Select(async pending =>
        {
            try
            {
                await step(pending);
                return true;
            }
            catch (Exception exception)
            {
                pending.Done.TrySetException(exception);
                return false;
            }
        }));
        return [.. batch.Where((_, i) => outcomes[i])];
    }

    private sealed record Pending(PostRecord Record, PostSubmitted Post, ActivityContext Trace)
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
