using Dapper;
using Microsoft.Extensions.Options;
using Moderation.Storage.Database;
using Moderation.Storage.Outbox;
using Moderation.Storage.Posts;

namespace Moderation.Storage.Scans;

/// <summary>
/// Saves a post, its scan, the case or incident it opens and the verdict to send, all or nothing.
/// The unique key on (board, post, revision) makes a redelivered post a no-op.
/// </summary>
public sealed class ScanStore(ModerationDatabase database, IOptions<StorageOptions> options)
{
    public async Task<ScanSaved> SaveAsync(ScanWrite scan, CancellationToken cancellationToken)
    {
        const string InsertScan = """
            INSERT INTO scans (board_id, post_id, revision, action, score, reasons_json, rule_set_version, scanned_at)
            VALUES (@BoardId, @PostId, @Revision, @Action, @Score, @ReasonsJson, @RuleSetVersion, @ScannedAt)
            ON CONFLICT (board_id, post_id, revision) DO NOTHING
            RETURNING scan_id
            """;
        const string InsertCase = """
            INSERT INTO review_cases (board_id, post_id, revision, scan_id, score, status, opened_at)
            VALUES (@BoardId, @PostId, @Revision, @ScanId, @Score, 'Open', @ScannedAt)
            RETURNING case_id
            """;
        const string InsertIncident = """
            INSERT INTO incidents (board_id, post_id, revision, scan_id, division_code, score, masked_excerpt, status, detected_at)
            VALUES (@BoardId, @PostId, @Revision, @ScanId, @DivisionCode, @Score, @MaskedExcerpt, 'Open', @ScannedAt)
            RETURNING incident_id
            """;
        const string InsertNotification = """
            INSERT INTO notification_outbox (incident_id, kind, division_code, payload_json, created_at)
            VALUES (@IncidentId, 'IncidentReport', @DivisionCode, @PayloadJson, @ScannedAt)
            """;

        var post = scan.Post;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        await connection.ExecuteAsync(new CommandDefinition(PostSql.InsertIfAbsent, post, transaction, cancellationToken: cancellationToken));
        var keys = new { post.BoardId, post.PostId, post.Revision };
        var scanId = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(InsertScan, new
        {
            keys.BoardId,
            keys.PostId,
            keys.Revision,
            scan.Action,
            scan.Score,
            scan.ReasonsJson,
            scan.RuleSetVersion,
            scan.ScannedAt,
        }, transaction, cancellationToken: cancellationToken));
        if (scanId is null)
        {
            await transaction.RollbackAsync(cancellationToken);
            return ScanSaved.AlreadyScanned;
        }

        long? caseId = null;
        if (scan.OpensReviewCase)
        {
            caseId = await connection.ExecuteScalarAsync<long>(new CommandDefinition(InsertCase, new
            {
                keys.BoardId,
                keys.PostId,
                keys.Revision,
                ScanId = scanId,
                scan.Score,
                scan.ScannedAt,
            }, transaction, cancellationToken: cancellationToken));
        }

        long? incidentId = null;
        if (scan.Incident is { } incident)
        {
            incidentId = await connection.ExecuteScalarAsync<long>(new CommandDefinition(InsertIncident, new
            {
                keys.BoardId,
                keys.PostId,
                keys.Revision,
                ScanId = scanId,
                incident.DivisionCode,
                scan.Score,
                incident.MaskedExcerpt,
                scan.ScannedAt,
            }, transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(InsertNotification, new
            {
                IncidentId = incidentId,
                incident.DivisionCode,
                PayloadJson = incident.NotificationPayloadJson,
                scan.ScannedAt,
            }, transaction, cancellationToken: cancellationToken));
        }

        var outboxId = await MessageOutbox.InsertClaimedAsync(connection, transaction, scan.Verdict, scan.ScannedAt, options.Value.OutboxClaimDuration, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ScanSaved(true, scanId, outboxId, caseId, incidentId);
    }
}
