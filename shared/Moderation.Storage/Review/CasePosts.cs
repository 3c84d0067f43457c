using System.Data.Common;
using Dapper;
using Moderation.Detection.Fingerprints;
using Moderation.Storage.Database;

namespace Moderation.Storage.Review;

/// <summary>
/// The <c>case_posts</c> table: which posts a review case covers and the evidence kept for each until
/// the decision. Written by a scan (<see cref="Scans.ScanStore"/>), read by the case page and a
/// decision, erased by the decision, always inside the caller's transaction.
/// </summary>
public static class CasePosts
{
    private const string Columns = "case_id, board_id, post_id, revision, scan_id, action, author_id, title, masked_excerpt, categories, sim_hash, fingerprint_json, joined_at";

    /// <summary>The post, and its SimHash's band keys (<see cref="SimHashBands"/>) for <see cref="FindOpenGroupAsync"/>.</summary>
    public static async Task InsertAsync(DbConnection connection, DbTransaction transaction, CasePost post, CancellationToken cancellationToken)
    {
        const string Sql = $"""
            INSERT INTO case_posts ({Columns})
            VALUES (@CaseId, @BoardId, @PostId, @Revision, @ScanId, @Action, @AuthorId, @Title, @MaskedExcerpt, @Categories, @SimHash, @FingerprintJson, @JoinedAt)
            """;
        await connection.ExecuteAsync(new CommandDefinition(Sql, post, transaction, cancellationToken: cancellationToken));
        if (post.SimHash is { } simHash)
        {
            var parameters = new DynamicParameters();
            var keys = SimHashBands.Keys(unchecked((ulong)simHash));
            var rows = MultiRow.Rows(connection, keys, parameters, "b",
                RowColumn<int>.Text(_ => post.BoardId), RowColumn<int>.Integer(key => key),
                RowColumn<int>.BigInt(_ => post.CaseId), RowColumn<int>.BigInt(_ => simHash));
            await connection.ExecuteAsync(new CommandDefinition(
                $"INSERT INTO case_post_bands (board_id, band_key, case_id, sim_hash) {rows}", parameters, transaction, cancellationToken: cancellationToken));
        }
    }

    /// <summary>
    /// The open case on <paramref name="boardId"/> one of whose posts is the same text as
    /// <paramref name="simHash"/> or a near-duplicate of it (<see cref="FingerprintScheme.AreNearDuplicates"/>),
    /// the oldest first; null when there is none. A case being escalated or decided takes no more posts.
    /// </summary>
    public static async Task<long?> FindOpenGroupAsync(DbConnection connection, DbTransaction transaction, string boardId, ulong simHash, CancellationToken cancellationToken)
    {
        // The candidates share a band with the hash (SimHashBands), found by index however long the
        // queue; the distance is counted here, as neither engine has a portable bit count.
        var sql = $"""
            SELECT b.case_id, b.sim_hash
              FROM case_post_bands b
              JOIN review_cases c ON c.case_id = b.case_id
             WHERE b.board_id = @boardId AND b.band_key {SqlList.In(connection, "Keys")} AND c.status = 'Open'
             ORDER BY b.case_id
            """;
        var candidates = await connection.QueryAsync<(long CaseId, long SimHash)>(new CommandDefinition(
            sql, new { boardId, Keys = SimHashBands.Keys(simHash) }, transaction, cancellationToken: cancellationToken));
        foreach (var (caseId, hash) in candidates)
        {
            if (FingerprintScheme.AreNearDuplicates(unchecked((ulong)hash), simHash))
            {
                return caseId;
            }
        }

        return null;
    }

    /// <summary>The case's posts, its first post first.</summary>
    public static async Task<IReadOnlyList<CasePost>> ForCaseAsync(DbConnection connection, DbTransaction? transaction, long caseId, CancellationToken cancellationToken)
    {
        const string Sql = """
            SELECT cp.case_id, cp.board_id, cp.post_id, cp.revision, cp.scan_id, cp.action, cp.author_id, cp.title, cp.masked_excerpt,
                   cp.categories, cp.sim_hash, cp.fingerprint_json, cp.joined_at, s.score AS scan_score, s.reasons_json, s.rule_set_version
              FROM case_posts cp
              JOIN scans s ON s.scan_id = cp.scan_id
             WHERE cp.case_id = @caseId
             ORDER BY cp.joined_at, cp.scan_id
            """;
        return [.. await connection.QueryAsync<CasePost>(new CommandDefinition(Sql, new { caseId }, transaction, cancellationToken: cancellationToken))];
    }

    /// <summary>
    /// What a decision erases: the title and masked excerpt of every post of the case, and the
    /// fingerprint unless <paramref name="keepFingerprint"/> (a Confirm registers it as a protected
    /// document, and a retried decision registers it again). Post ids, author, categories and the
    /// SimHash stay as the record of what was decided; its band keys go, as a decided case takes no more posts.
    /// </summary>
    public static async Task EraseEvidenceAsync(DbConnection connection, DbTransaction transaction, long caseId, bool keepFingerprint, CancellationToken cancellationToken)
    {
        const string Erase = "UPDATE case_posts SET title = NULL, masked_excerpt = NULL WHERE case_id = @caseId";
        const string EraseAll = "UPDATE case_posts SET title = NULL, masked_excerpt = NULL, fingerprint_json = NULL WHERE case_id = @caseId";
        // The band keys only find open cases' posts: a decided case takes no more.
        const string ForgetBands = "DELETE FROM case_post_bands WHERE case_id = @caseId";
        await connection.ExecuteAsync(new CommandDefinition(keepFingerprint ? Erase : EraseAll, new { caseId }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(ForgetBands, new { caseId }, transaction, cancellationToken: cancellationToken));
    }
}
