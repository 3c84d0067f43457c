using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Options;
using Moderation.Storage.Database;

namespace Moderation.Storage.Outbox;

/// <summary>
/// Transactional outbox for messages to forums. The writer of a row claims it in the same transaction,
/// sends it straight after commit and marks it sent; if the writer dies in between, the claim runs out
/// and a relay sends it. A row is sent at least once; receivers dedupe on the message's own keys.
/// </summary>
public sealed class MessageOutbox(ModerationDatabase database, TimeProvider time, IOptions<StorageOptions> options)
{
    /// <summary>How long a sender owns a claimed row before another may take it over.</summary>
    private TimeSpan ClaimDuration => options.Value.OutboxClaimDuration;

    public static async Task<long> InsertClaimedAsync(DbConnection connection, DbTransaction transaction, OutboundMessage message, DateTimeOffset now, TimeSpan claimDuration, CancellationToken cancellationToken)
    {
        const string Sql = """
            INSERT INTO message_outbox (destination, message_type, payload_json, created_at, claimed_until, attempts)
            VALUES (@Destination, @MessageType, @PayloadJson, @Now, @ClaimedUntil, 1)
            RETURNING outbox_id
            """;
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(Sql, new
        {
            message.Destination,
            message.MessageType,
            message.PayloadJson,
            Now = now,
            ClaimedUntil = now + claimDuration,
        }, transaction, cancellationToken: cancellationToken));
    }

    /// <summary>Claims rows whose sender never marked them sent and whose claim has run out.</summary>
    public async Task<IReadOnlyList<PendingMessage>> ClaimAbandonedAsync(int batchSize, CancellationToken cancellationToken)
    {
        // The outer conditions repeat the inner ones so that, on PostgreSQL, a replica that waited for
        // another's row lock re-checks the row and skips what the other just claimed.
        const string Sql = """
            UPDATE message_outbox
               SET claimed_until = @ClaimedUntil, attempts = attempts + 1
             WHERE sent_at IS NULL AND (claimed_until IS NULL OR claimed_until < @Now)
               AND outbox_id IN (
                   SELECT outbox_id FROM message_outbox
                    WHERE sent_at IS NULL AND (claimed_until IS NULL OR claimed_until < @Now)
                    ORDER BY outbox_id
                    LIMIT @BatchSize)
            RETURNING outbox_id, destination, message_type, payload_json, attempts, claimed_until
            """;
        var now = time.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<PendingMessage>(new CommandDefinition(Sql, new
        {
            Now = now,
            ClaimedUntil = now + ClaimDuration,
            BatchSize = batchSize,
        }, cancellationToken: cancellationToken));
        return [.. rows.OrderBy(r => r.OutboxId)];
    }

    public async Task MarkSentAsync(long outboxId, CancellationToken cancellationToken)
    {
        const string Sql = "UPDATE message_outbox SET sent_at = @Now, claimed_until = NULL WHERE outbox_id = @outboxId";
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(Sql, new { outboxId, Now = time.GetUtcNow() }, cancellationToken: cancellationToken));
    }

    public async Task<int> CountUnsentAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT COUNT(*) FROM message_outbox WHERE sent_at IS NULL", cancellationToken: cancellationToken));
    }
}
