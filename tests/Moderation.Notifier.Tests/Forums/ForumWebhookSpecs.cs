using System.Text.Json;
using Moderation.Contracts;
using Moderation.Notifier.Tests.Support;
using Moderation.Outbox;
using Moderation.Storage.Boards;
using Moderation.Storage.Outbox;
using Moderation.Testing;
using Moderation.Webhooks;

namespace Moderation.Notifier.Tests.Forums;

/// <summary>
/// A forum's webhook receives its operator's feed, signed, page by page: the cursor moves only when
/// the forum acknowledges, a forum that is down gets the same messages later, none skipped.
/// </summary>
public sealed class ForumWebhookSpecs : IAsyncLifetime
{
    private static readonly string Secret = WebhookSecret.Generate();
    private static readonly string Queue = ForumOperator.DefaultVerdictQueue(DemoData.OperatorId);
    private NotifierHarness _harness = null!;
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync()
    {
        _harness = await NotifierHarness.CreateAsync();
        _receiver = await WebhookReceiver.StartAsync(Secret, _harness.Time);
        await Webhooks.SaveAsync(DemoData.OperatorId, _receiver.Url.ToString(), Secret, startAfter: 0, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        await _harness.DisposeAsync();
    }

    private ForumWebhookRepository Webhooks => new(_harness.Database.Database, _harness.Time);

    [Fact]
    public async Task The_feed_is_pushed_signed_and_the_cursor_moves_when_the_forum_acknowledges()
    {
        var pusher = _harness.ForumPusher();
        var first = await SendVerdictAsync("hook-1");
        var second = await SendVerdictAsync("hook-2");
        _harness.Time.Advance(TimeSpan.FromSeconds(5));

        var acknowledged = await pusher.RunOnceAsync(CancellationToken.None);
        _harness.Time.Advance(TimeSpan.FromSeconds(2));
        await pusher.RunOnceAsync(CancellationToken.None);

        acknowledged.Should().Be(1);
        _receiver.Refused.Should().BeEmpty("every push is signed with the operator's secret");
        _receiver.Processed.Should().ContainSingle("the second pass has nothing new to push");
        using var body = JsonDocument.Parse(_receiver.Processed.Values.Single());
        body.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("message").GetProperty("postId").GetString()).Should().Equal("hook-1", "hook-2");
        body.RootElement.GetProperty("next").GetInt64().Should().Be(second);
        (await Webhooks.FindAsync(DemoData.OperatorId, CancellationToken.None))!.DeliveredThrough.Should().Be(second);
        first.Should().BeLessThan(second);
    }

    [Fact]
    public async Task A_forum_that_is_down_gets_the_same_messages_later_and_none_is_skipped()
    {
        var pusher = _harness.ForumPusher(o => o.InitialBackoff = TimeSpan.FromSeconds(30));
        await SendVerdictAsync("down-1");
        _harness.Time.Advance(TimeSpan.FromSeconds(5));
        _receiver.Down = true;

        await pusher.RunOnceAsync(CancellationToken.None);
        var failing = (await Webhooks.FindAsync(DemoData.OperatorId, CancellationToken.None))!;
        await pusher.RunOnceAsync(CancellationToken.None);

        failing.Failures.Should().Be(1);
        failing.LastError.Should().Contain("503");
        failing.DeliveredThrough.Should().Be(0);
        failing.NextAttemptAt.Should().BeAfter(_harness.Time.GetUtcNow(), "the retry waits for its backoff");
        _receiver.Processed.Should().BeEmpty();

        _receiver.Down = false;
        var last = await SendVerdictAsync("down-2");
        _harness.Time.Advance(TimeSpan.FromMinutes(1));
        await pusher.RunOnceAsync(CancellationToken.None);

        using var body = JsonDocument.Parse(_receiver.Processed.Values.Single());
        body.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("message").GetProperty("postId").GetString()).Should().Equal("down-1", "down-2");
        var recovered = (await Webhooks.FindAsync(DemoData.OperatorId, CancellationToken.None))!;
        recovered.DeliveredThrough.Should().Be(last);
        recovered.Failures.Should().Be(0);
        recovered.LastError.Should().BeNull();
    }

    [Fact]
    public async Task Two_notifiers_never_push_one_operators_feed_at_once()
    {
        await SendVerdictAsync("twice-1");
        _harness.Time.Advance(TimeSpan.FromSeconds(5));
        _receiver.Delay = TimeSpan.FromMilliseconds(300);

        await Task.WhenAll(_harness.ForumPusher().RunOnceAsync(CancellationToken.None), _harness.ForumPusher().RunOnceAsync(CancellationToken.None));

        _receiver.ProcessedLog.Should().ContainSingle();
        _receiver.Retries.Should().Be(0, "the second Notifier found the webhook claimed");
    }

    /// <summary>A scan verdict for the demo board, written to the outbox as the scanner writes it.</summary>
    private async Task<long> SendVerdictAsync(string postId)
    {
        var now = _harness.Time.GetUtcNow();
        var message = MessageOutbox.Verdict(Queue, new PostVerdict
        {
            BoardId = DemoData.ApprovedBoardId,
            PostId = postId,
            Action = VerdictAction.Publish,
            Stage = VerdictStage.Scan,
            DecidedAt = now,
        });
        await using var connection = await _harness.Database.Database.OpenAsync(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync();
        var id = await OutboxTable.InsertClaimedAsync(connection, transaction, message, now, TimeSpan.FromSeconds(30), CancellationToken.None);
        await transaction.CommitAsync();
        return id;
    }
}
