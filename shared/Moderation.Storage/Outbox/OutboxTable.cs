using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Options;
using Moderation.Storage.Database;
using Moderation.Storage.Tracing;

namespace Moderation.Storage.Outbox;

/// <summary>
/// The <c>message_outbox</c> table: messages to forums, written in the transaction that decided them.
/// The writer of a row claims it in that same transaction, sends it straight after commit and marks it
/// sent; if the writer dies in between, the claim runs out and a relay claims and sends it. A row is
/// sent at least once; receivers dedupe on the message's own keys. Sending lives in
/// <c>Moderation.Outbox</c>; the SQL stays here because every store that writes a row does so inside
/// its own transaction.
/// <para>
/// A row still to be sent has its claim in <c>message_outbox_unsent</c> (migration 0017); marking
/// it sent deletes that, so <c>message_outbox</c> itself is written once. Rows written that way carry
/// their time of writing in <c>sent_at</c>, which keeps them from relays of earlier versions; rows
/// earlier versions wrote (<c>sent_at</c> null until sent) are still claimed and marked the old way.
/// </para>
/// </summary>
public sealed class OutboxTable(ModerationDatabase database, TimeProvider time, IOptions<StorageOptions> options)
{
    /// <summary>How long a sender owns a claimed row before another may take it over.</summary>
    public TimeSpan ClaimDuration => options.Value.OutboxClaimDuration;

    public static async Task<long> InsertClaimedAsync(DbConnection connection, DbTransaction transaction, OutboundMessage message, DateTimeOffset now, TimeSpan claimDuration, CancellationToken cancellationToken)
    {
        const string Sql = """
            INSERT INTO message_outbox (destination, message_type, payload_json, created_at, claimed_until, attempts, trace_parent, names_posts, sent_at)
            VALUES (@Destination, @MessageType, @PayloadJson, @Now, NULL, 0, @TraceParent, @NamesPosts, @Now)
            RETURNING outbox_id
            """;
        var outboxId = await connection.ExecuteScalarAsync<long>(new CommandDefinition(Sql, new
        {
            message.Destination,
            message.MessageType,
            message.PayloadJson,
            Now = now,
            ClaimedUntil = now + claimDuration,
            TraceParent = StoredTraceContext.Current(),
            NamesPosts = message.Posts.Count > 0,
        }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO message_outbox_unsent (outbox_id, claimed_until, attempts) VALUES (@outboxId, @ClaimedUntil, 1)",
            new { outboxId, ClaimedUntil = now + claimDuration }, transaction, cancellationToken: cancellationToken));
        const string PostSql = "INSERT INTO message_outbox_posts (outbox_id, board_id, post_id) VALUES (@outboxId, @BoardId, @PostId)";
        foreach (var post in message.Posts.Distinct())
        {
            await connection.ExecuteAsync(new CommandDefinition(PostSql, new { outboxId, post.BoardId, post.PostId }, transaction, cancellationToken: cancellationToken));
        }

        return outboxId;
    }

    /// <summary>
    /// Writes several claimed rows in two statements (the rows, then the posts they name), for a
    /// batch's messages; each keeps its own writer's trace. The rows are created, and their claims
    /// run, from <paramref name="now"/>, the time of writing, not from when their posts arrived: a
    /// post waits for its batch, and a claim counted from before that could run out while its writer
    /// is still sending (a relay would send the row twice), and the feed's settling
    /// (<c>ForumMessages.SinceAsync</c>) needs a row's creation time to follow its id.
    /// Returns the rows' ids in the order of <paramref name="rows"/>.
    /// </summary>
    public static async Task<IReadOnlyList<long>> InsertClaimedManyAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<ClaimedRow> rows, DateTimeOffset now, TimeSpan claimDuration, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return [];
        }

        var parameters = new DynamicParameters();
        var values = MultiRow.Rows(connection, rows, parameters, "m",
            RowColumn<ClaimedRow>.Text(r => r.Message.Destination), RowColumn<ClaimedRow>.Text(r => r.Message.MessageType),
            RowColumn<ClaimedRow>.Text(r => r.Message.PayloadJson), RowColumn<ClaimedRow>.Timestamp(_ => now),
            RowColumn<ClaimedRow>.Text(r => r.TraceParent), RowColumn<ClaimedRow>.Boolean(r => r.Message.Posts.Count > 0),
            RowColumn<ClaimedRow>.Timestamp(_ => now));
        var sql = $"""
            INSERT INTO message_outbox (destination, message_type, payload_json, created_at, trace_parent, names_posts, sent_at)
            {values}
            RETURNING outbox_id
            """;
        // One statement numbers its rows in the order of its row source, so the ids sorted are the rows' in order.
        var ids = (await connection.QueryAsync<long>(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken))).Order().ToList();
        if (ids.Count != rows.Count)
        {
            throw new InvalidOperationException($"Wrote {rows.Count} outbox rows but {ids.Count} ids came back.");
        }

        var claimParameters = new DynamicParameters();
        var claims = MultiRow.Rows(connection, ids, claimParameters, "u",
            RowColumn<long>.BigInt(id => id), RowColumn<long>.Timestamp(_ => now + claimDuration), RowColumn<long>.Integer(_ => 1));
        await connection.ExecuteAsync(new CommandDefinition(
            $"INSERT INTO message_outbox_unsent (outbox_id, claimed_until, attempts) {claims}",
            claimParameters, transaction, cancellationToken: cancellationToken));

        var named = rows.SelectMany((r, i) => r.Message.Posts.Distinct().Select(p => (OutboxId: ids[i], p.BoardId, p.PostId))).ToList();
        if (named.Count > 0)
        {
            var postParameters = new DynamicParameters();
            var postRows = MultiRow.Rows(connection, named, postParameters, "p",
                RowColumn<(long OutboxId, string BoardId, string PostId)>.BigInt(n => n.OutboxId),
                RowColumn<(long OutboxId, string BoardId, string PostId)>.Text(n => n.BoardId),
                RowColumn<(long OutboxId, string BoardId, string PostId)>.Text(n => n.PostId));
            await connection.ExecuteAsync(new CommandDefinition(
                $"INSERT INTO message_outbox_posts (outbox_id, board_id, post_id) {postRows}",
                postParameters, transaction, cancellationToken: cancellationToken));
        }

        return ids;
    }

    /// <summary>
    /// Claims rows whose sender never marked them sent and whose claim has run out. Relays in several
    /// processes call this at once: each row goes to one of them. On PostgreSQL the candidates are
    /// locked with <c>FOR UPDATE SKIP LOCKED</c>, so a relay passes over rows another is claiming
    /// instead of waiting for them; SQLite lets one writer at a time update the table. Rows of
    /// <c>message_outbox_unsent</c> come first, then those of earlier versions (<c>sent_at</c> null),
    /// up to <paramref name="batchSize"/> in all.
    /// </summary>
    public async Task<IReadOnlyList<PendingMessage>> ClaimAbandonedAsync(int batchSize, CancellationToken cancellationToken)
    {
        var skipLocked = database.Provider == StorageProvider.Postgres ? "FOR UPDATE SKIP LOCKED" : "";
        // The outer conditions repeat the inner ones: a row another relay claimed between the two is skipped.
        var claimSql = $"""
            UPDATE message_outbox_unsent
               SET claimed_until = @ClaimedUntil, attempts = attempts + 1
             WHERE claimed_until < @Now
               AND outbox_id IN (
                   SELECT outbox_id FROM message_outbox_unsent
                    WHERE claimed_until < @Now
                    ORDER BY outbox_id
                    LIMIT @BatchSize
                    {skipLocked})
            RETURNING outbox_id, attempts, claimed_until
            """;
        var legacySql = $"""
            UPDATE message_outbox
               SET claimed_until = @ClaimedUntil, attempts = attempts + 1
             WHERE sent_at IS NULL AND (claimed_until IS NULL OR claimed_until < @Now)
               AND outbox_id IN (
                   SELECT outbox_id FROM message_outbox
                    WHERE sent_at IS NULL AND (claimed_until IS NULL OR claimed_until < @Now)
                    ORDER BY outbox_id
                    LIMIT @BatchSize
                    {skipLocked})
            RETURNING outbox_id, destination, message_type, payload_json, attempts, claimed_until, trace_parent
            """;
        var now = time.GetUtcNow();
        var arguments = new { Now = now, ClaimedUntil = now + ClaimDuration, BatchSize = batchSize };
        await using var connection = await database.OpenAsync(cancellationToken);
        var claimed = (await connection.QueryAsync<UnsentClaim>(new CommandDefinition(claimSql, arguments, cancellationToken: cancellationToken))).ToList();
        var rows = new List<PendingMessage>(claimed.Count);
        if (claimed.Count > 0)
        {
            // The rows' own columns; the claim's attempts and expiry come from message_outbox_unsent.
            var messages = (await connection.QueryAsync<PendingMessage>(new CommandDefinition(
                    $"SELECT outbox_id, destination, message_type, payload_json, trace_parent FROM message_outbox WHERE outbox_id {SqlList.In(connection, "Ids")}",
                    new { Ids = claimed.Select(c => c.OutboxId).ToArray() }, cancellationToken: cancellationToken)))
                .ToDictionary(m => m.OutboxId);
            rows.AddRange(claimed.Where(c => messages.ContainsKey(c.OutboxId))
                .Select(c => messages[c.OutboxId] with { Attempts = c.Attempts, ClaimedUntil = c.ClaimedUntil }));
        }

        if (claimed.Count < batchSize)
        {
            rows.AddRange(await connection.QueryAsync<PendingMessage>(new CommandDefinition(legacySql, arguments with { BatchSize = batchSize - claimed.Count }, cancellationToken: cancellationToken)));
        }

        return [.. rows.OrderBy(r => r.OutboxId)];
    }

    /// <summary>Marks one row sent, whichever version wrote it.</summary>
    public async Task MarkSentAsync(long outboxId, CancellationToken cancellationToken)
    {
        const string Sql = """
            DELETE FROM message_outbox_unsent WHERE outbox_id = @outboxId;
            UPDATE message_outbox SET sent_at = @Now, claimed_until = NULL WHERE outbox_id = @outboxId AND sent_at IS NULL;
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(Sql, new { outboxId, Now = time.GetUtcNow() }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Marks a batch's sent rows in one statement. For rows this version wrote (every row a writer
    /// dispatches itself); a relayed row of an earlier version is marked by <see cref="MarkSentAsync(long, CancellationToken)"/>.
    /// </summary>
    public async Task MarkSentAsync(IReadOnlyCollection<long> outboxIds, CancellationToken cancellationToken)
    {
        if (outboxIds.Count == 0)
        {
            return;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        // The list operator is one of two constants (SqlList); the ids are a parameter.
        var sql = $"DELETE FROM message_outbox_unsent WHERE outbox_id {SqlList.In(connection, "Ids")}";
        await connection.ExecuteAsync(new CommandDefinition(sql, new { Ids = outboxIds.ToArray() }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Counts the rows still to be sent, whichever version wrote them: claims in
    /// <c>message_outbox_unsent</c> and earlier versions' rows with no <c>sent_at</c>. The one
    /// definition of "unsent", for the relay's callers and for checks that nothing was left behind.
    /// </summary>
    public const string CountUnsentSql = "SELECT (SELECT COUNT(*) FROM message_outbox_unsent) + (SELECT COUNT(*) FROM message_outbox WHERE sent_at IS NULL)";

    public async Task<int> CountUnsentAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(CountUnsentSql, cancellationToken: cancellationToken));
    }

    private sealed record UnsentClaim
    {
        public long OutboxId { get; init; }

        public int Attempts { get; init; }

        public DateTimeOffset ClaimedUntil { get; init; }
    }
}
