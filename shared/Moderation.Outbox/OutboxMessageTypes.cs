using System.Text.Json;
using Moderation.Contracts;
using Moderation.Hosting.Messaging;
using Moderation.Storage.Outbox;

namespace Moderation.Outbox;

/// <summary>
/// The messages the outbox carries, by the name stored in <c>message_type</c>: the contract's type
/// name, as rows written by every earlier version have it. A message type is added here before any
/// row of it is written, so a relay can always read back what another process stored.
/// </summary>
internal static class OutboxMessageTypes
{
    private static readonly Dictionary<string, Func<OutboundMessage, IOutboxSend>> Readers = new(StringComparer.Ordinal)
    {
        [nameof(PostVerdict)] = Read<PostVerdict>,
        [nameof(PostRejected)] = Read<PostRejected>,
        [nameof(TakedownRequested)] = Read<TakedownRequested>,
    };

    public static string NameOf<T>() =>
        Readers.ContainsKey(typeof(T).Name)
            ? typeof(T).Name
            : throw new InvalidOperationException($"{typeof(T).Name} is not an outbox message type; add it to {nameof(OutboxMessageTypes)} first.");

    /// <summary>The object a stored row holds, ready to send.</summary>
    public static IOutboxSend Read(OutboundMessage stored) =>
        Readers.TryGetValue(stored.MessageType, out var read)
            ? read(stored)
            : throw new InvalidOperationException($"Outbox message type '{stored.MessageType}' is not known to this version.");

    /// <summary>The message a stored row holds, as the contract's own type.</summary>
    public static object ReadMessage(string messageType, string payloadJson) =>
        Read(new OutboundMessage("", messageType, payloadJson)) switch
        {
            OutboxMessage<PostVerdict> verdict => verdict.Message,
            OutboxMessage<PostRejected> rejection => rejection.Message,
            OutboxMessage<TakedownRequested> takedown => takedown.Message,
            var other => throw new InvalidOperationException($"{other.GetType().Name} has no reader for the feed."),
        };

    /// <summary>
    /// The posts a message is about, stored beside it (see <see cref="OutboundMessage.Posts"/>). Only
    /// posts named by ids: a rejection of a post whose ids are malformed (a NUL, say) names nothing a
    /// forum can read back, and such a value must not reach the database.
    /// </summary>
    public static IReadOnlyList<PostKey> PostsOf(object message) =>
        [.. Named(message).Where(p => WireText.IsId(p.BoardId) && WireText.IsId(p.PostId)).Distinct()];

    private static IEnumerable<PostKey> Named(object message) => message switch
    {
        PostVerdict verdict => [new PostKey(verdict.BoardId, verdict.PostId)],
        PostRejected { BoardId: { } boardId, PostId: { } postId } => [new PostKey(boardId, postId)],
        PostRejected => [],
        TakedownRequested order => order.Targets.Select(t => new PostKey(t.BoardId, t.PostId)),
        _ => throw new InvalidOperationException($"{message.GetType().Name} is not an outbox message type; add it to {nameof(OutboxMessageTypes)} first."),
    };

    private static OutboxMessage<T> Read<T>(OutboundMessage stored)
        where T : class =>
        new(stored, JsonSerializer.Deserialize<T>(stored.PayloadJson, WireFormat.Options)
            ?? throw new InvalidOperationException($"Outbox payload of type {stored.MessageType} is empty."));
}
