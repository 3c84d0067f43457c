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
public sealed class ScanStore(ModerationDatabase database, IOptions<StorageOptions> options, IOptions<ReviewQueueOptions>? review = null, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    private readonly TimeSpan _sla = (review?.Value ?? new ReviewQueueOptions()).Sla;

    public async Task<ScanSaved> SaveAsync(ScanWrite scan, CancellationToken cancellationToken) =>
        (await SaveBatchAsync([scan], cancellationToken))[0];

    /// <summary>
    /// Saves a batch of scans in one transaction, each as <see cref="SaveAsync"/> would: the posts,
    /// scans and verdicts in one multi-row statement per table (<see cref="MultiRow.Rows"/>), the few cases and incidents one by
    /// one. A revision already scanned (a redelivery, or the same post twice in the batch) is left as
    /// it is and reported as <see cref="ScanSaved.AlreadyScanned"/>: one effect per (board, post,
    /// revision) however often it comes. All or nothing: a write the database refuses fails the whole
    /// batch, and the caller saves its writes one by one to find it. Results are in the order of <paramref name="scans"/>.
    /// </summary>
    public async Task<IReadOnlyList<ScanSaved>> SaveBatchAsync(IReadOnlyList<ScanWrite> scans, CancellationToken cancellationToken)
    {
        var results = new ScanSaved[scans.Count];
        Array.Fill(results, ScanSaved.AlreadyScanned);
        // The first write of each revision, in key order: two batches holding the same posts (two
        // scanners given the same redelivered messages) then lock their rows in the same order.
        var firsts = Enumerable.Range(0, scans.Count)
            .DistinctBy(i => Key(scans[i].Post))
            .OrderBy(i => scans[i].Post.BoardId, StringComparer.Ordinal)
            .ThenBy(i => scans[i].Post.PostId, StringComparer.Ordinal)
            .ThenBy(i => scans[i].Post.Revision)
            .ToList();
        if (firsts.Count == 0)
        {
            return results;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        var posts = firsts.Select(i => scans[i].Post).ToList();
        var postParameters = new DynamicParameters();
        await connection.ExecuteAsync(new CommandDefinition(
            PostSql.InsertManyIfAbsent(connection, posts, postParameters), postParameters, transaction, cancellationToken: cancellationToken));

        var scanParameters = new DynamicParameters();
        var scanRows = MultiRow.Rows(connection, firsts.Select(i => scans[i]).ToList(), scanParameters, "s",
            RowColumn<ScanWrite>.Text(s => s.Post.BoardId), RowColumn<ScanWrite>.Text(s => s.Post.PostId), RowColumn<ScanWrite>.Integer(s => s.Post.Revision),
            RowColumn<ScanWrite>.Text(s => s.Action), RowColumn<ScanWrite>.Double(s => s.Score), RowColumn<ScanWrite>.Text(s => s.ReasonsJson),
            RowColumn<ScanWrite>.Text(s => s.RuleSetVersion), RowColumn<ScanWrite>.Text(s => s.ModelVersion),
            RowColumn<ScanWrite>.NullableDouble(s => s.ModelProbability), RowColumn<ScanWrite>.Timestamp(s => s.ScannedAt));
        var insertScans = $"""
            INSERT INTO scans (board_id, post_id, revision, action, score, reasons_json, rule_set_version, model_version, model_probability, scanned_at)
            {scanRows}
            ON CONFLICT (board_id, post_id, revision) DO NOTHING
            RETURNING scan_id, board_id, post_id, revision
            """;
        var created = (await connection.QueryAsync<(long ScanId, string BoardId, string PostId, int Revision)>(new CommandDefinition(
                insertScans, scanParameters, transaction, cancellationToken: cancellationToken)))
            .ToDictionary(r => (r.BoardId, r.PostId, r.Revision), r => r.ScanId);

        var written = new List<(int Index, long ScanId, long? CaseId, long? IncidentId)>();
        foreach (var i in firsts)
        {
            var scan = scans[i];
            if (!created.TryGetValue(Key(scan.Post), out var scanId))
            {
                continue;
            }

            var caseId = scan.OpensReviewCase ? await OpenOrJoinCaseAsync(connection, transaction, scan, scanId, cancellationToken) : (long?)null;
            long? incidentId = null;
            if (scan.Incident is { } incident)
            {
                var opened = await IncidentWriter.OpenAsync(connection, transaction, incident with
                {
                    ScanId = scanId,
                    ReviewCaseId = caseId,
                    PurgeTextAfter = options.Value.PurgeTextAfter,
                }, cancellationToken);
                incidentId = opened.IncidentId;
            }

            written.Add((i, scanId, caseId, incidentId));
        }

        var outboxIds = await OutboxTable.InsertClaimedManyAsync(connection, transaction,
            [.. written.Select(w => new ClaimedRow(scans[w.Index].Verdict, scans[w.Index].TraceParent))],
            _time.GetUtcNow(), options.Value.OutboxClaimDuration, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        for (var w = 0; w < written.Count; w++)
        {
            results[written[w].Index] = new ScanSaved(true, written[w].ScanId, outboxIds[w], written[w].CaseId, written[w].IncidentId);
        }

        return results;
    }

    private static (string BoardId, string PostId, int Revision) Key(PostRecord post) => (post.BoardId, post.PostId, post.Revision);

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
