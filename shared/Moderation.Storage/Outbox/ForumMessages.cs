using Dapper;
using Moderation.Storage.Database;

namespace Moderation.Storage.Outbox;

/// <summary>
/// The outbox read back as what each forum operator was sent: a feed since a cursor, and the messages
/// about one post. The same rows the AMQP sender sends, so a forum reading over HTTP learns exactly
/// what a forum on the broker learns, in the same order.
/// </summary>
public sealed class ForumMessages(ModerationDatabase database)
{
    /// <summary>
    /// The operator's messages after <paramref name="after"/>, oldest first. Only rows written before
    /// <paramref name="settledBefore"/> are read: identities are handed out when a row is inserted, not
    /// when its transaction commits, so a row with a lower id may become visible after a higher one.
    /// Holding back the last moments lets every transaction that took a lower id commit first, and a
    /// reader that moves its cursor past what it read never skips a row.
    /// </summary>
    public async Task<IReadOnlyList<ForumMessage>> SinceAsync(string operatorId, long after, int limit, DateTimeOffset settledBefore, CancellationToken cancellationToken)
    {
        const string Sql = """
            SELECT outbox_id, message_type, payload_json, created_at
              FROM message_outbox
             WHERE destination = (SELECT verdict_queue FROM operators WHERE operator_id = @operatorId)
               AND outbox_id > @after
               AND created_at <= @settledBefore
             ORDER BY outbox_id
             LIMIT @limit
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ForumMessage>(new CommandDefinition(Sql, new { operatorId, after, settledBefore, limit }, cancellationToken: cancellationToken));
        return [.. rows];
    }

    /// <summary>Every message about one post sent to <paramref name="destination"/>, oldest first.</summary>
    public async Task<IReadOnlyList<ForumMessage>> AboutPostAsync(string destination, string boardId, string postId, CancellationToken cancellationToken)
    {
        const string Sql = """
            SELECT o.outbox_id, o.message_type, o.payload_json, o.created_at
              FROM message_outbox_posts p
              JOIN message_outbox o ON o.outbox_id = p.outbox_id
             WHERE p.board_id = @boardId AND p.post_id = @postId AND o.destination = @destination
             ORDER BY o.outbox_id
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ForumMessage>(new CommandDefinition(Sql, new { destination, boardId, postId }, cancellationToken: cancellationToken));
        return [.. rows];
    }
}

/// <summary>A message sent to a forum operator; <see cref="OutboxId"/> is its place in the operator's feed.</summary>
public sealed record ForumMessage
{
    public long OutboxId { get; init; }

    public required string MessageType { get; init; }

    public required string PayloadJson { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}
