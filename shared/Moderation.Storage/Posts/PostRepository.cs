using Dapper;
using Moderation.Storage.Database;

namespace Moderation.Storage.Posts;

public sealed class PostRepository(ModerationDatabase database)
{
    /// <summary>Stores a revision before it is queued for scanning; false when it was already stored.</summary>
    public async Task<bool> AcceptAsync(PostRecord post, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(PostSql.InsertIfAbsent, post, cancellationToken: cancellationToken));
        return inserted > 0;
    }

    /// <summary>
    /// Stores many revisions in one transaction, a few hundred rows to a statement, each kept only
    /// if absent (as <see cref="AcceptAsync"/>): what the HTTP ingest's group commit writes.
    /// </summary>
    public async Task AcceptManyAsync(IReadOnlyList<PostRecord> posts, CancellationToken cancellationToken)
    {
        if (posts.Count == 0)
        {
            return;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var chunk in posts.Chunk(RowsPerStatement))
        {
            var parameters = new DynamicParameters();
            await connection.ExecuteAsync(new CommandDefinition(PostSql.InsertManyIfAbsent(connection, chunk, parameters), parameters, transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>11 parameters a row: 2,200 a statement, well under SQLite's 32,766 and PostgreSQL's 65,535.</summary>
    private const int RowsPerStatement = 200;

    public async Task<PostView?> FindLatestAsync(string boardId, string postId, CancellationToken cancellationToken)
    {
        const string Sql = """
            SELECT p.board_id, p.post_id, p.revision, p.received_at, p.withdrawn_at,
                   s.scan_id, s.action, s.score, s.reasons_json, s.rule_set_version, s.scanned_at
            FROM posts p
            LEFT JOIN scans s ON s.board_id = p.board_id AND s.post_id = p.post_id AND s.revision = p.revision
            WHERE p.board_id = @boardId AND p.post_id = @postId
            ORDER BY p.revision DESC
            LIMIT 1
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<LatestRow>(new CommandDefinition(Sql, new { boardId, postId }, cancellationToken: cancellationToken));
        return row?.ToView();
    }

    /// <summary>Revisions accepted but never scanned (the process stopped between storing and scanning).</summary>
    public async Task<IReadOnlyList<PostRecord>> FindUnscannedAsync(DateTimeOffset receivedBefore, int limit, CancellationToken cancellationToken)
    {
        const string Sql = """
            SELECT p.board_id, p.post_id, p.revision, p.channel, p.author_id, p.title, p.body,
                   p.submitted_at, p.received_at, p.source_outlet, p.source_consent
            FROM posts p
            LEFT JOIN scans s ON s.board_id = p.board_id AND s.post_id = p.post_id AND s.revision = p.revision
            WHERE s.scan_id IS NULL AND p.withdrawn_at IS NULL AND p.body IS NOT NULL AND p.received_at < @receivedBefore
            ORDER BY p.received_at
            LIMIT @limit
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<PostRecord>(new CommandDefinition(Sql, new { receivedBefore, limit }, cancellationToken: cancellationToken));
        return [.. rows];
    }

    /// <summary>Marks every revision of the post withdrawn by the forum; returns how many revisions changed.</summary>
    public async Task<int> WithdrawAsync(string boardId, string postId, DateTimeOffset withdrawnAt, CancellationToken cancellationToken)
    {
        const string Sql = """
            UPDATE posts SET withdrawn_at = @withdrawnAt
            WHERE board_id = @boardId AND post_id = @postId AND withdrawn_at IS NULL
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(Sql, new { boardId, postId, withdrawnAt }, cancellationToken: cancellationToken));
    }

    private sealed class LatestRow
    {
        public string BoardId { get; init; } = "";

        public string PostId { get; init; } = "";

        public int Revision { get; init; }

        public DateTimeOffset ReceivedAt { get; init; }

        public DateTimeOffset? WithdrawnAt { get; init; }

        public long? ScanId { get; init; }

        public string? Action { get; init; }

        public double? Score { get; init; }

        public string? ReasonsJson { get; init; }

        public string? RuleSetVersion { get; init; }

        public DateTimeOffset? ScannedAt { get; init; }

        public PostView ToView() => new()
        {
            BoardId = BoardId,
            PostId = PostId,
            Revision = Revision,
            ReceivedAt = ReceivedAt,
            WithdrawnAt = WithdrawnAt,
            Scan = ScanId is null ? null : new ScanView
            {
                Action = Action!,
                Score = Score ?? 0,
                ReasonsJson = ReasonsJson ?? "[]",
                RuleSetVersion = RuleSetVersion ?? "",
                ScannedAt = ScannedAt ?? default,
            },
        };
    }
}
