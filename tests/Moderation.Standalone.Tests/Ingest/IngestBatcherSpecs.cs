using Microsoft.Extensions.Logging.Abstractions;
using Moderation.Api.Posts;
using Moderation.Contracts;
using Moderation.Storage.Posts;

namespace Moderation.Standalone.Tests.Ingest;

/// <summary>
/// The group commit behind HTTP ingest, with its store and queue replaced by recorders: posts
/// submitted together are stored in one batch and then queued; a batch that cannot be stored is
/// retried post by post, and a post that cannot be stored or queued fails only its own submission.
/// </summary>
public sealed class IngestBatcherSpecs
{
    private readonly List<IReadOnlyList<string>> _batches = [];
    private readonly List<string> _storedOne = [];
    private readonly List<string> _queued = [];

    [Fact]
    public async Task Posts_waiting_together_are_stored_in_batches_of_at_most_the_limit_then_each_queued()
    {
        var batcher = Batcher(writers: 1, maxBatch: 4);
        // Submitted before the writer starts, as when requests arrive while it is busy with a batch.
        var submissions = Enumerable.Range(0, 6).Select(i => Submit(batcher, $"p-{i}")).ToList();

        await batcher.StartAsync(CancellationToken.None);
        await Task.WhenAll(submissions);
        await batcher.StopAsync(CancellationToken.None);

        _batches.Should().HaveCount(2);
        _batches[0].Should().Equal("p-0", "p-1", "p-2", "p-3");
        _batches[1].Should().Equal("p-4", "p-5");
        _queued.Should().BeEquivalentTo(["p-0", "p-1", "p-2", "p-3", "p-4", "p-5"]);
    }

    [Fact]
    public async Task A_batch_that_cannot_be_stored_is_stored_post_by_post_and_only_the_bad_post_fails()
    {
        var batcher = Batcher(
            storeMany: (_, _) => throw new InvalidOperationException("one row broke the statement"),
            storeOne: (post, _) => post.PostId == "bad" ? throw new InvalidOperationException("this row cannot be stored") : Record(_storedOne, post.PostId),
            writers: 1);
        var submissions = new[] { "a", "bad", "b" }.ToDictionary(id => id, id => Submit(batcher, id));

        await batcher.StartAsync(CancellationToken.None);
        var bad = await FluentActions.Awaiting(() => submissions["bad"]).Should().ThrowAsync<InvalidOperationException>();
        await submissions["a"];
        await submissions["b"];
        await batcher.StopAsync(CancellationToken.None);

        bad.Which.Message.Should().Be("this row cannot be stored");
        _storedOne.Should().BeEquivalentTo(["a", "b"]);
        _queued.Should().BeEquivalentTo(["a", "b"], "a post that was not stored is never queued");
    }

    [Fact]
    public async Task A_post_that_cannot_be_queued_fails_alone_and_stays_stored_for_the_requeue()
    {
        var batcher = Batcher(publish: (post, _) => post.PostId == "unqueued" ? throw new TimeoutException("the broker did not confirm") : Record(_queued, post.PostId));
        await batcher.StartAsync(CancellationToken.None);

        var ok = Submit(batcher, "ok");
        var unqueued = Submit(batcher, "unqueued");
        await ok;
        await FluentActions.Awaiting(() => unqueued).Should().ThrowAsync<TimeoutException>();
        await batcher.StopAsync(CancellationToken.None);

        _batches.SelectMany(b => b).Should().Contain(["ok", "unqueued"]);
        _queued.Should().Equal("ok");
    }

    [Fact]
    public async Task After_stopping_posts_already_taken_are_written_and_new_ones_are_refused()
    {
        var batcher = Batcher();
        await batcher.StartAsync(CancellationToken.None);
        var taken = Submit(batcher, "before");
        await taken;
        await batcher.StopAsync(CancellationToken.None);

        Action refused = () => Submit(batcher, "after");

        refused.Should().Throw<InvalidOperationException>().WithMessage("*shutting down*submit the post again*");
        _queued.Should().Equal("before");
    }

    private IngestBatcher Batcher(
        Func<IReadOnlyList<PostRecord>, CancellationToken, Task>? storeMany = null,
        Func<PostRecord, CancellationToken, Task>? storeOne = null,
        Func<PostSubmitted, CancellationToken, Task>? publish = null,
        int writers = 2,
        int maxBatch = 64) =>
        new(
            storeMany ?? ((posts, _) => { lock (_batches) { _batches.Add([.. posts.Select(p => p.PostId)]); } return Task.CompletedTask; }),
            storeOne ?? ((post, _) => Record(_storedOne, post.PostId)),
            publish ?? ((post, _) => Record(_queued, post.PostId)),
            new IngestOptions { MaxBatch = maxBatch, Writers = writers },
            NullLogger<IngestBatcher>.Instance);

    private static Task Record(List<string> into, string postId)
    {
        lock (into) { into.Add(postId); }
        return Task.CompletedTask;
    }

    private static Task Submit(IngestBatcher batcher, string postId)
    {
        var post = PostsApiSpecs.Post(postId, "正文");
        var record = new PostRecord { BoardId = post.BoardId, PostId = postId, Channel = "Bbs", AuthorId = post.AuthorId, Body = post.Body, SubmittedAt = post.SubmittedAt, ReceivedAt = post.SubmittedAt };
        return batcher.SubmitAsync(record, post, CancellationToken.None);
    }
}
