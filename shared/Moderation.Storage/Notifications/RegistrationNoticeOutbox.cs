using Dapper;
using Moderation.Storage.Database;

namespace Moderation.Storage.Notifications;

/// <summary>
/// The organizers' notices (<c>registration_notices</c>, written by the registration workflow with
/// each transition) as a mail outbox. A claim moves the notice's next attempt past the lease and
/// counts the attempt; the attempt count fences the claim, so a Notifier whose lease ran out can
/// neither mark the notice mailed nor reschedule it over another's claim.
/// </summary>
public sealed class RegistrationNoticeOutbox(ModerationDatabase database, TimeProvider time)
{
    /// <summary>Claims up to <paramref name="batchSize"/> notices due for mailing, for <paramref name="lease"/>.</summary>
    public async Task<IReadOnlyList<PendingRegistrationNotice>> ClaimDueAsync(int batchSize, TimeSpan lease, CancellationToken cancellationToken)
    {
        var skipLocked = database.Provider == StorageProvider.Postgres ? "FOR UPDATE SKIP LOCKED" : "";
        // The outer conditions repeat the inner ones: a row another claimer took between the two is skipped.
        var sql = $"""
            UPDATE registration_notices
               SET next_attempt_at = @ClaimedUntil, attempts = attempts + 1
             WHERE mailed_at IS NULL AND email IS NOT NULL AND next_attempt_at <= @Now
               AND notice_id IN (
                   SELECT notice_id FROM registration_notices
                    WHERE mailed_at IS NULL AND email IS NOT NULL AND next_attempt_at <= @Now
                    ORDER BY next_attempt_at, notice_id
                    LIMIT @BatchSize
                    {skipLocked})
            RETURNING notice_id, application_id, organizer, email, subject, body, attempts, created_at
            """;
        var now = time.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<PendingRegistrationNotice>(new CommandDefinition(sql, new { Now = now, ClaimedUntil = now + lease, BatchSize = batchSize }, cancellationToken: cancellationToken));
        return [.. rows.OrderBy(r => r.NoticeId)];
    }

    /// <summary>Records the mail. False when the claim was lost (another Notifier owns the notice now).</summary>
    public async Task<bool> MarkMailedAsync(PendingRegistrationNotice notice, CancellationToken cancellationToken) =>
        await UpdateClaimedAsync(notice, "mailed_at = @Now, next_attempt_at = NULL, last_error = NULL", new { Now = time.GetUtcNow(), notice.NoticeId, notice.Attempts }, cancellationToken);

    /// <summary>Schedules the next attempt after a failed one.</summary>
    public async Task<bool> ScheduleRetryAsync(PendingRegistrationNotice notice, DateTimeOffset at, string error, CancellationToken cancellationToken) =>
        await UpdateClaimedAsync(notice, "next_attempt_at = @At, last_error = @Error", new { At = at, Error = error, notice.NoticeId, notice.Attempts }, cancellationToken);

    /// <summary>Stops trying; the notice stays on the organizer's page with the reason it was not mailed.</summary>
    public async Task<bool> GiveUpAsync(PendingRegistrationNotice notice, string reason, CancellationToken cancellationToken) =>
        await UpdateClaimedAsync(notice, "next_attempt_at = NULL, last_error = @Error", new { Error = reason, notice.NoticeId, notice.Attempts }, cancellationToken);

    private async Task<bool> UpdateClaimedAsync(PendingRegistrationNotice notice, string set, object parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var sql = $"UPDATE registration_notices SET {set} WHERE notice_id = @NoticeId AND attempts = @Attempts AND mailed_at IS NULL";
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken)) == 1;
    }
}
