using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Options;
using Moderation.Detection.Fingerprints;
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
            caseId = await OpenOrJoinCaseAsync(connection, transaction, scan, scanId.Value, cancellationToken);
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

    /// <summary>
    /// The case the post goes to: the open case of its group on the board when it is a repost (the
    /// same SimHash or a near-duplicate), which then weighs the strongest of its posts; otherwise a
    /// new one. Either way the post and its evidence are listed in <c>case_posts</c>.
    /// </summary>
    private async Task<long> OpenOrJoinCaseAsync(DbConnection connection, DbTransaction transaction, ScanWrite scan, long scanId, CancellationToken cancellationToken)
    {
        const string InsertCase = """
            INSERT INTO review_cases (board_id, post_id, revision, scan_id, score, status, kind, category, opened_at, due_at)
            VALUES (@BoardId, @PostId, @Revision, @ScanId, @Score, 'Open', @Kind, @Category, @ScannedAt, @DueAt)
            RETURNING case_id
            """;
        // A stronger repost raises the case's score and category, and a removed one makes it a Remove
        // case; the due time follows the score from the case's opening, as for a new case.
        const string Strengthen = """
            UPDATE review_cases
               SET score = CASE WHEN score < @Score THEN @Score ELSE score END,
                   category = CASE WHEN score < @Score THEN @Category ELSE category END,
                   due_at = CASE WHEN score < @Score THEN @DueAt ELSE due_at END,
                   kind = CASE WHEN @Kind = 'Remove' THEN 'Remove' ELSE kind END
             WHERE case_id = @CaseId
            """;
        var post = scan.Post;
        var kind = scan.Action == ReviewCaseKind.Remove ? ReviewCaseKind.Remove : ReviewCaseKind.Hold;
        var evidence = scan.Evidence;
        var simHash = evidence is { GroupsReposts: true } ? evidence.Fingerprint?.SimHash : null;
        var group = simHash is { } hash ? await CasePosts.FindOpenGroupAsync(connection, transaction, post.BoardId, hash, cancellationToken) : null;
        long caseId;
        if (group is { } joined)
        {
            var openedAt = await connection.ExecuteScalarAsync<DateTimeOffset>(new CommandDefinition(
                "SELECT opened_at FROM review_cases WHERE case_id = @joined", new { joined }, transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(Strengthen, new
            {
                CaseId = joined,
                scan.Score,
                scan.Category,
                DueAt = ReviewPriority.DueAt(openedAt, scan.Score, _sla),
                Kind = kind,
            }, transaction, cancellationToken: cancellationToken));
            caseId = joined;
        }
        else
        {
            caseId = await connection.ExecuteScalarAsync<long>(new CommandDefinition(InsertCase, new
            {
                post.BoardId,
                post.PostId,
                post.Revision,
                ScanId = scanId,
                scan.Score,
                Kind = kind,
                scan.Category,
                scan.ScannedAt,
                DueAt = ReviewPriority.DueAt(scan.ScannedAt, scan.Score, _sla),
            }, transaction, cancellationToken: cancellationToken));
        }

        await CasePosts.InsertAsync(connection, transaction, new CasePost
        {
            CaseId = caseId,
            BoardId = post.BoardId,
            PostId = post.PostId,
            Revision = post.Revision,
            ScanId = scanId,
            Action = kind,
            AuthorId = evidence?.AuthorId ?? post.AuthorId,
            Title = evidence?.Title ?? post.Title,
            MaskedExcerpt = evidence?.MaskedExcerpt,
            Categories = evidence is not null ? string.Join(',', evidence.Categories) : scan.Category ?? "",
            SimHash = simHash is { } bits ? unchecked((long)bits) : null,
            FingerprintJson = evidence?.Fingerprint is { } fingerprint ? FingerprintFile.Write(fingerprint, indented: false) : null,
            JoinedAt = scan.ScannedAt,
        }, cancellationToken);
        return caseId;
    }
}
