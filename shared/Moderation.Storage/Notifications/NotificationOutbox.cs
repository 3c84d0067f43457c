using Dapper;
using Moderation.Storage.Database;
using Moderation.Storage.Incidents;
using Moderation.Verdicts.Divisions;

namespace Moderation.Storage.Notifications;

/// <summary>
/// The department notifications written with their incidents. Notifiers claim due rows with a
/// lease (on PostgreSQL with <c>FOR UPDATE SKIP LOCKED</c>, so replicas never take the same row;
/// SQLite serialises writers itself), deliver them, and record the outcome under the claim token:
/// a Notifier whose lease ran out cannot overwrite what the next one did.
/// </summary>
public sealed class NotificationOutbox(ModerationDatabase database, TimeProvider time)
{
    public const string Actor = "notifier";

    public async Task<IReadOnlyList<PendingNotification>> ClaimDueAsync(int batchSize, TimeSpan lease, CancellationToken cancellationToken)
    {
        var skipLocked = database.Provider == StorageProvider.Postgres ? "FOR UPDATE SKIP LOCKED" : "";
        // The outer conditions repeat the inner ones: a row another claimer took between the two is skipped.
        var sql = $"""
            UPDATE notification_outbox
               SET claimed_until = @ClaimedUntil, claim_token = @Token, attempts = attempts + 1
             WHERE delivered_at IS NULL AND dead_lettered_at IS NULL AND next_attempt_at <= @Now
               AND (claimed_until IS NULL OR claimed_until < @Now)
               AND notification_id IN (
                   SELECT notification_id FROM notification_outbox
                    WHERE delivered_at IS NULL AND dead_lettered_at IS NULL AND next_attempt_at <= @Now
                      AND (claimed_until IS NULL OR claimed_until < @Now)
                    ORDER BY next_attempt_at, notification_id
                    LIMIT @BatchSize
                    {skipLocked})
            RETURNING notification_id, incident_id, delivery_id, department_id, endpoint_id, channel, division_code,
                      payload_json, attempts, created_at, claim_token, trace_parent
            """;
        var now = time.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<PendingNotification>(new CommandDefinition(sql, new
        {
            Now = now,
            ClaimedUntil = now + lease,
            Token = Guid.NewGuid().ToString("N"),
            BatchSize = batchSize,
        }, cancellationToken: cancellationToken));
        return [.. rows.OrderBy(r => r.NotificationId)];
    }

    /// <summary>Records the delivery and the "reported" measure on the incident. False when the claim was lost.</summary>
    public async Task<bool> MarkDeliveredAsync(PendingNotification notification, string detail, CancellationToken cancellationToken)
    {
        const string Sql = """
            UPDATE notification_outbox SET delivered_at = @Now, claimed_until = NULL, last_error = NULL
             WHERE notification_id = @NotificationId AND claim_token = @ClaimToken AND delivered_at IS NULL
            """;
        var now = time.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var updated = await connection.ExecuteAsync(new CommandDefinition(Sql, new { Now = now, notification.NotificationId, notification.ClaimToken }, transaction, cancellationToken: cancellationToken));
        if (updated == 1)
        {
            await IncidentMeasures.AddAsync(connection, transaction, notification.IncidentId, IncidentMeasures.Reported, detail, Actor, now, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return updated == 1;
    }

    public async Task<bool> ScheduleRetryAsync(PendingNotification notification, DateTimeOffset nextAttemptAt, string error, CancellationToken cancellationToken)
    {
        const string Sql = """
            UPDATE notification_outbox SET next_attempt_at = @NextAttemptAt, claimed_until = NULL, last_error = @Error
             WHERE notification_id = @NotificationId AND claim_token = @ClaimToken AND delivered_at IS NULL
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(Sql, new { NextAttemptAt = nextAttemptAt, Error = Truncate(error), notification.NotificationId, notification.ClaimToken }, cancellationToken: cancellationToken)) == 1;
    }

    public async Task<bool> DeadLetterAsync(PendingNotification notification, string error, CancellationToken cancellationToken)
    {
        const string Sql = """
            UPDATE notification_outbox SET dead_lettered_at = @Now, claimed_until = NULL, last_error = @Error
             WHERE notification_id = @NotificationId AND claim_token = @ClaimToken AND delivered_at IS NULL
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(Sql, new { Now = time.GetUtcNow(), Error = Truncate(error), notification.NotificationId, notification.ClaimToken }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>Puts a dead-lettered notification back in line (after the endpoint was fixed).</summary>
    public async Task<bool> RetryDeadLetteredAsync(long notificationId, CancellationToken cancellationToken)
    {
        const string Sql = """
            UPDATE notification_outbox SET dead_lettered_at = NULL, attempts = 0, next_attempt_at = @Now
             WHERE notification_id = @notificationId AND dead_lettered_at IS NOT NULL
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(Sql, new { notificationId, Now = time.GetUtcNow() }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>
    /// Records a department's acknowledgement (signed receipt or the officers' portal) on the
    /// notification and, the first time, on the incident. Idempotent: a repeated receipt changes nothing.
    /// </summary>
    public async Task<bool> AcknowledgeAsync(long notificationId, string acknowledgedBy, string how, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var incidentId = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT incident_id FROM notification_outbox WHERE notification_id = @notificationId", new { notificationId }, transaction, cancellationToken: cancellationToken));
        if (incidentId is null)
        {
            return false;
        }

        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE notification_outbox SET acknowledged_at = @Now, acknowledged_by = @acknowledgedBy
             WHERE notification_id = @notificationId AND acknowledged_at IS NULL
            """, new { Now = now, acknowledgedBy, notificationId }, transaction, cancellationToken: cancellationToken));
        var first = await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE incidents SET acknowledged_at = @Now, acknowledged_by = @acknowledgedBy, status = 'Acknowledged'
             WHERE incident_id = @incidentId AND acknowledged_at IS NULL
            """, new { Now = now, acknowledgedBy, incidentId }, transaction, cancellationToken: cancellationToken));
        if (first == 1)
        {
            await IncidentMeasures.AddAsync(connection, transaction, incidentId.Value, IncidentMeasures.Acknowledged, how, acknowledgedBy, now, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<NotificationStatus?> FindByDeliveryIdAsync(string deliveryId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<NotificationStatus>(new CommandDefinition(
            StatusSql + " WHERE n.delivery_id = @deliveryId", new { deliveryId }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<NotificationStatus>> ListForIncidentAsync(long incidentId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<NotificationStatus>(new CommandDefinition(
            StatusSql + " WHERE n.incident_id = @incidentId ORDER BY n.notification_id", new { incidentId }, cancellationToken: cancellationToken))];
    }

    /// <summary>Dead-lettered notifications for boards within <paramref name="areaCodes"/> (null: everywhere), newest first.</summary>
    public async Task<IReadOnlyList<NotificationStatus>> ListDeadLetteredAsync(IReadOnlyCollection<string>? areaCodes, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<NotificationStatus>(new CommandDefinition(
            StatusSql + " WHERE n.dead_lettered_at IS NOT NULL ORDER BY n.dead_lettered_at DESC LIMIT @limit", new { limit = limit * 4 }, cancellationToken: cancellationToken));
        return [.. rows.Where(r => areaCodes is null || areaCodes.Any(a => DivisionCode.Covers(a, r.DivisionCode.Trim()))).Take(limit)];
    }

    public async Task<int> CountUndeliveredAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM notification_outbox WHERE delivered_at IS NULL AND dead_lettered_at IS NULL", cancellationToken: cancellationToken));
    }

    private const string StatusSql = """
        SELECT n.notification_id, n.incident_id, n.delivery_id, n.division_code, n.department_id, n.endpoint_id, n.channel, e.address,
               n.attempts, n.created_at, n.next_attempt_at, n.delivered_at, n.dead_lettered_at, n.acknowledged_at,
               n.acknowledged_by, n.last_error
          FROM notification_outbox n
          LEFT JOIN department_endpoints e ON e.endpoint_id = n.endpoint_id
        """;

    private static string Truncate(string error) => error.Length <= 2000 ? error : error[..2000];
}
