using Microsoft.Extensions.Options;
using System.Text.Json;
using Moderation.Storage.Incidents;
using Moderation.Storage.Outbox;

namespace Moderation.Outbox;

/// <summary>
/// What each forum operator was sent (verdicts at every stage, rejections, takedown orders), readable
/// over HTTP: a feed since a cursor, and the messages about one post. Read from the outbox rows the
/// broker sender sends, so both doors tell a forum the same things in the same order.
/// </summary>
public sealed class ForumFeed(ForumMessages messages, TimeProvider time, IOptions<ForumFeedOptions> options)
{
    public const int MaxPageSize = 500;

    /// <summary>
    /// Up to <paramref name="limit"/> messages after <paramref name="after"/>, oldest first. The page's
    /// <see cref="ForumFeedPage.Next"/> is the cursor to ask with next; it stays put when nothing is new.
    /// </summary>
    public async Task<ForumFeedPage> ReadAsync(string operatorId, long after, int limit, CancellationToken cancellationToken)
    {
        var settledBefore = time.GetUtcNow() - options.Value.SettleTime;
        var rows = await messages.SinceAsync(operatorId, after, Math.Clamp(limit, 1, MaxPageSize), settledBefore, cancellationToken);
        return new ForumFeedPage([.. rows.Select(ToItem)], rows.Count > 0 ? rows[^1].OutboxId : after);
    }

    /// <summary>Every message about one post sent to the operator's queue, oldest first, with no settling delay.</summary>
    public async Task<IReadOnlyList<ForumFeedItem>> AboutPostAsync(string verdictQueue, string boardId, string postId, CancellationToken cancellationToken) =>
        [.. (await messages.AboutPostAsync(verdictQueue, boardId, postId, cancellationToken)).Select(ToItem)];

    /// <summary>
    /// A row whose text the purge erased (Art. 7) keeps its place and type in the feed and says so in
    /// its body, so a forum's cursor still passes it and the forum learns why the message is empty.
    /// </summary>
    private static ForumFeedItem ToItem(ForumMessage row) =>
        new(row.OutboxId, row.MessageType, row.PayloadJson == IncidentRepository.PurgedPayload
            ? JsonDocument.Parse(row.PayloadJson).RootElement.Clone()
            : OutboxMessageTypes.ReadMessage(row.MessageType, row.PayloadJson), row.CreatedAt);
}

/// <summary>
/// One message as the forum received it: <see cref="Type"/> is the contract's name
/// (<c>PostVerdict</c>, <c>PostRejected</c>, <c>TakedownRequested</c>) and <see cref="Message"/> its
/// body in the wire format, exactly as sent over AMQP.
/// </summary>
public sealed record ForumFeedItem(long Cursor, string Type, object Message, DateTimeOffset SentAt);

/// <summary>A page of the feed and the cursor to continue from.</summary>
public sealed record ForumFeedPage(IReadOnlyList<ForumFeedItem> Items, long Next);

public sealed class ForumFeedOptions
{
    public const string Section = "Moderation:ForumFeed";

    /// <summary>
    /// How long a message waits before the feed shows it: longer than any transaction that writes
    /// outbox rows, so a row that took a lower cursor is never committed after a reader passed it.
    /// </summary>
    public TimeSpan SettleTime { get; set; } = TimeSpan.FromSeconds(3);
}
