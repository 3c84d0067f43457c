using Dapper;
using Moderation.Storage.Database;

namespace Moderation.Storage.Outbox;

/// <summary>
/// Forum operators' webhooks: where each operator's feed is pushed, and how far it has been
/// acknowledged. One webhook per operator; registering again replaces the URL and the secret and
/// keeps the cursor, so nothing already delivered is sent again and nothing pending is lost.
/// </summary>
public sealed class ForumWebhookRepository(ModerationDatabase database, TimeProvider time)
{
    /// <summary>Registers or replaces the operator's webhook; a new one starts after <paramref name="startAfter"/>.</summary>
    public async Task<ForumWebhook> SaveAsync(string operatorId, string url, string secret, long startAfter, CancellationToken cancellationToken)
    {
        const string Sql = """
            INSERT INTO forum_webhooks (operator_id, url, secret, delivered_through, failures, next_attempt_at, created_at, updated_at)
            VALUES (@operatorId, @url, @secret, @startAfter, 0, @Now, @Now, @Now)
            ON CONFLICT (operator_id) DO UPDATE
               SET url = excluded.url, secret = excluded.secret, failures = 0, last_error = NULL,
                   next_attempt_at = excluded.next_attempt_at, updated_at = excluded.updated_at
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(Sql, new { operatorId, url, secret, startAfter, Now = time.GetUtcNow() }, cancellationToken: cancellationToken));
        return (await FindAsync(operatorId, cancellationToken))!;
    }

    public async Task<ForumWebhook?> FindAsync(string operatorId, CancellationToken cancellationToken)
    {
        const string Sql = $"SELECT {Columns} FROM forum_webhooks WHERE operator_id = @operatorId";
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ForumWebhook>(new CommandDefinition(Sql, new { operatorId }, cancellationToken: cancellationToken));
    }

    public async Task<bool> DeleteAsync(string operatorId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition("DELETE FROM forum_webhooks WHERE operator_id = @operatorId", new { operatorId }, cancellationToken: cancellationToken)) > 0;
    }

    /// <summary>The end of the operator's feed now: where a new webhook starts.</summary>
    public async Task<long> FeedEndAsync(string operatorId, CancellationToken cancellationToken)
    {
        const string Sql = """
            SELECT COALESCE(MAX(outbox_id), 0) FROM message_outbox
             WHERE destination = (SELECT verdict_queue FROM operators WHERE operator_id = @operatorId)
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(Sql, new { operatorId }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Claims webhooks that are due, so that of several Notifiers only one pushes an operator's feed at
    /// a time (on PostgreSQL <c>FOR UPDATE SKIP LOCKED</c>, as the outbox relay claims its rows).
    /// </summary>
    public async Task<IReadOnlyList<ForumWebhook>> ClaimDueAsync(int batchSize, TimeSpan claimFor, CancellationToken cancellationToken)
    {
        var skipLocked = database.Provider == StorageProvider.Postgres ? "FOR UPDATE SKIP LOCKED" : "";
        var sql = $"""
            UPDATE forum_webhooks SET claimed_until = @ClaimedUntil
             WHERE next_attempt_at <= @Now AND (claimed_until IS NULL OR claimed_until < @Now)
               AND operator_id IN (
                   SELECT operator_id FROM forum_webhooks
                    WHERE next_attempt_at <= @Now AND (claimed_until IS NULL OR claimed_until < @Now)
                    ORDER BY next_attempt_at
                    LIMIT @batchSize
                    {skipLocked})
            RETURNING {Columns}
            """;
        var now = time.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<ForumWebhook>(new CommandDefinition(sql, new { Now = now, ClaimedUntil = now + claimFor, batchSize }, cancellationToken: cancellationToken))];
    }

    /// <summary>The forum acknowledged the feed through <paramref name="through"/>; the next push is due at <paramref name="nextAttemptAt"/>.</summary>
    public async Task RecordDeliveredAsync(string operatorId, long through, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken)
    {
        const string Sql = """
            UPDATE forum_webhooks
               SET delivered_through = CASE WHEN delivered_through > @through THEN delivered_through ELSE @through END,
                   failures = 0, last_error = NULL, next_attempt_at = @nextAttemptAt, claimed_until = NULL, updated_at = @Now
             WHERE operator_id = @operatorId
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(Sql, new { operatorId, through, nextAttemptAt, Now = time.GetUtcNow() }, cancellationToken: cancellationToken));
    }

    public async Task RecordFailureAsync(string operatorId, string error, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken)
    {
        const string Sql = """
            UPDATE forum_webhooks
               SET failures = failures + 1, last_error = @error, next_attempt_at = @nextAttemptAt, claimed_until = NULL, updated_at = @Now
             WHERE operator_id = @operatorId
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(Sql, new { operatorId, error, nextAttemptAt, Now = time.GetUtcNow() }, cancellationToken: cancellationToken));
    }

    private const string Columns = "operator_id, url, secret, delivered_through, failures, last_error, next_attempt_at, claimed_until";
}

/// <summary>A forum operator's webhook and how far its feed has been acknowledged.</summary>
public sealed record ForumWebhook
{
    public required string OperatorId { get; init; }

    public required string Url { get; init; }

    public required string Secret { get; init; }

    public long DeliveredThrough { get; init; }

    public int Failures { get; init; }

    public string? LastError { get; init; }

    public DateTimeOffset NextAttemptAt { get; init; }

    public DateTimeOffset? ClaimedUntil { get; init; }
}
