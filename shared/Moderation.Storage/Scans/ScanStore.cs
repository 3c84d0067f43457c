using Dapper;
using Microsoft.Extensions.Options;
using Moderation.Storage.Database;
using Moderation.Storage.Incidents;
using Moderation.Storage.Outbox;
using Moderation.Storage.Posts;
using Moderation.Storage.Review;

namespace Moderation.Storage.Scans;

/// <summary>
/// Saves a post, its scan, the case or incident it opens and the verdict to send, all or nothing.
/// The unique key on (board, post, revision) makes a redelivered post a no-op.
/// </summary>
public sealed class ScanStore(ModerationDatabase database, IOptions<StorageOptions> options, IOptions<ReviewQueueOptions>? review = null)
{
    private readonly TimeSpan _sla = (review?.Value ?? new ReviewQueueOptions()).Sla;

    public async Task<ScanSaved> SaveAsync(ScanWrite scan, CancellationToken cancellationToken)
    {
        const string InsertScan = """
            INSERT INTO scans (board_id, post_id, revision, action, score, reasons_json, rule_set_version, model_version, model_probability, scanned_at)
            VALUES (@BoardId, @PostId, @Revision, @Action, @Score, @ReasonsJson, @RuleSetVersion, @ModelVersion, @ModelProbability, @ScannedAt)
            ON CONFLICT (board_id, post_id, revision) DO NOTHING
            RETURNING scan_id
            """;
        const string InsertCase = """
            INSERT INTO review_cases (board_id, post_id, revision, scan_id, score, status, kind, category, opened_at, due_at)
            VALUES (@BoardId, @PostId, @Revision, @ScanId, @Score, 'Open', @Kind, @Category, @ScannedAt, @DueAt)
            RETURNING case_id
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
            scan.ModelVersion,
            scan.ModelProbability,
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
                Kind = scan.Action == ReviewCaseKind.Remove ? ReviewCaseKind.Remove : ReviewCaseKind.Hold,
                scan.Category,
                scan.ScannedAt,
                DueAt = ReviewPriority.DueAt(scan.ScannedAt, scan.Score, _sla),
            }, transaction, cancellationToken: cancellationToken));
        }

        long? incidentId = null;
        if (scan.Incident is { } incident)
        {
            var opened = await IncidentWriter.OpenAsync(connection, transaction, incident with
            {
                ScanId = scanId.Value,
                ReviewCaseId = caseId,
                PurgeTextAfter = options.Value.PurgeTextAfter,
            }, cancellationToken);
            incidentId = opened.IncidentId;
        }

        var outboxId = await OutboxTable.InsertClaimedAsync(connection, transaction, scan.Verdict, scan.ScannedAt, options.Value.OutboxClaimDuration, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ScanSaved(true, scanId, outboxId, caseId, incidentId);
    }
}
