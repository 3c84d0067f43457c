using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Options;
using Moderation.Storage.Audit;
using Moderation.Storage.Database;
using Moderation.Storage.Incidents;
using Moderation.Storage.Outbox;

namespace Moderation.Storage.Review;

/// <summary>
/// The review queue in the database, which is where correctness lives: a claim is a lease on the
/// case row, every claim and decision increments <c>version</c>, and a decision is accepted only with
/// the version its claim returned while that claim is unexpired. Every action is audited in its own
/// transaction. Redis leases in front of this are only a fast path.
/// </summary>
public sealed class ReviewStore(ModerationDatabase database, AuditLog audit, TimeProvider time, IOptions<StorageOptions> storage)
{
    internal const string SummaryColumns = """
        c.case_id, c.board_id, b.name AS board_name, b.division_code, c.post_id, c.revision, c.kind, c.category,
        c.score, c.status, c.version, c.opened_at, c.due_at, c.claimed_by, c.claim_expires_at, c.decided_by, c.decided_at,
        (SELECT substr(p.title, 1, 80) FROM posts p WHERE p.board_id = c.board_id AND p.post_id = c.post_id AND p.revision = c.revision) AS title,
        (SELECT substr(p.body, 1, 160) FROM posts p WHERE p.board_id = c.board_id AND p.post_id = c.post_id AND p.revision = c.revision) AS excerpt
        """;

    // The post's text is read per listed row (subqueries above), not joined: a join makes the planner
    // misjudge how many rows a board filter leaves and sort instead of walking the index.
    internal const string SummaryFrom = """
        FROM review_cases c
        JOIN boards b ON b.board_id = c.board_id
        """;

    /// <summary>One page of cases. Filters and the sort are fixed SQL fragments; values are parameters.</summary>
    public async Task<CasePage> ListAsync(CaseFilter filter, CancellationToken cancellationToken)
    {
        var (sql, parameters, limit) = PageQuery(filter);
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<ReviewCaseSummary>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken))).ToList();
        var hasMore = rows.Count > limit;
        if (hasMore)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        return new CasePage(rows, hasMore ? CaseCursor.Of(rows[^1], filter.Sort) : null);
    }

    /// <summary>
    /// PostgreSQL's plan for one page, executed (<c>EXPLAIN ANALYZE</c>): how the paging test proves a
    /// page is an index range scan with no sort, however many cases are open.
    /// </summary>
    public async Task<string> ExplainPageAsync(CaseFilter filter, CancellationToken cancellationToken)
    {
        if (database.Provider != StorageProvider.Postgres)
        {
            throw new NotSupportedException("Query plans are read on PostgreSQL, the system of record.");
        }

        var (sql, parameters, _) = PageQuery(filter);
        await using var connection = await database.OpenAsync(cancellationToken);
        var lines = await connection.QueryAsync<string>(new CommandDefinition("EXPLAIN (ANALYZE, BUFFERS) " + sql, parameters, cancellationToken: cancellationToken));
        return string.Join("\n", lines);
    }

    private (string Sql, DynamicParameters Parameters, int Limit) PageQuery(CaseFilter filter)
    {
        var limit = Math.Clamp(filter.Limit, 1, 500);
        var sql = new StringBuilder($"SELECT {SummaryColumns} {SummaryFrom} WHERE c.status = @Status");
        var parameters = new DynamicParameters(new { filter.Status, Limit = limit + 1 });
        AppendFilters(sql, parameters, filter, database.Provider);

        if (filter.After is { } after)
        {
            var cursor = CaseCursor.Parse(after, filter.Sort)
                ?? throw new ArgumentException($"The page cursor '{after}' is not one this queue issued for sort '{filter.Sort}'. Start again from the first page.", nameof(filter));
            parameters.Add("CursorId", cursor.CaseId);
            switch (filter.Sort)
            {
                case CaseSort.Priority:
                    sql.Append(" AND (c.due_at, c.case_id) > (@CursorTime, @CursorId)");
                    parameters.Add("CursorTime", cursor.Time);
                    break;
                case CaseSort.Oldest:
                    sql.Append(" AND (c.opened_at, c.case_id) > (@CursorTime, @CursorId)");
                    parameters.Add("CursorTime", cursor.Time);
                    break;
                case CaseSort.Score:
                    // Descending score, ascending id: the leading bound keeps it an index range.
                    sql.Append(" AND c.score <= @CursorScore AND (c.score < @CursorScore OR c.case_id > @CursorId)");
                    parameters.Add("CursorScore", cursor.Score);
                    break;
            }
        }

        sql.Append(filter.Sort switch
        {
            CaseSort.Priority => " ORDER BY c.due_at, c.case_id",
            CaseSort.Score => " ORDER BY c.score DESC, c.case_id",
            CaseSort.Oldest => " ORDER BY c.opened_at, c.case_id",
            _ => throw new ArgumentOutOfRangeException(nameof(filter), filter.Sort, "Unknown sort."),
        });
        sql.Append(" LIMIT @Limit");

        return (sql.ToString(), parameters, limit);
    }

    /// <summary>How many cases match (the queue's header; the cursor is ignored).</summary>
    public async Task<long> CountAsync(CaseFilter filter, CancellationToken cancellationToken)
    {
        var sql = new StringBuilder("SELECT COUNT(*) FROM review_cases c JOIN boards b ON b.board_id = c.board_id WHERE c.status = @Status");
        var parameters = new DynamicParameters(new { filter.Status });
        AppendFilters(sql, parameters, filter, database.Provider);
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(sql.ToString(), parameters, cancellationToken: cancellationToken));
    }

    /// <summary>The SQL of a page, for the query-plan check and the paging benchmark.</summary>
    internal static string DescribeFilters(CaseFilter filter)
    {
        var sql = new StringBuilder();
        AppendFilters(sql, new DynamicParameters(), filter, StorageProvider.Postgres);
        return sql.ToString();
    }

    private static void AppendFilters(StringBuilder sql, DynamicParameters parameters, CaseFilter filter, StorageProvider provider)
    {
        AppendScope(sql, parameters, filter, provider);
        AppendCriteria(sql, parameters, filter);
    }

    /// <summary>The caller's scope only (boards, jurisdiction), over aliases <c>c</c> (case) and <c>b</c> (board).</summary>
    internal static void AppendScope(StringBuilder sql, DynamicParameters parameters, CaseFilter filter, StorageProvider provider)
    {
        if (filter.ScopeBoards is { Count: 0 })
        {
            // A moderator with no boards sees nothing (and an empty IN list is not valid SQL everywhere).
            sql.Append(" AND 1 = 0");
        }
        else if (filter.ScopeBoards is { } scope)
        {
            // Npgsql binds an array; Dapper expands the list for SQLite.
            sql.Append(provider == StorageProvider.Postgres ? " AND c.board_id = ANY(@ScopeBoards)" : " AND c.board_id IN @ScopeBoards");
            parameters.Add("ScopeBoards", scope.ToArray());
        }

        if (filter.ScopeDivisionPrefix is { } prefix)
        {
            sql.Append(" AND b.division_code LIKE @DivisionPattern");
            parameters.Add("DivisionPattern", EscapeLike(prefix) + "%");
        }
    }

    private static void AppendCriteria(StringBuilder sql, DynamicParameters parameters, CaseFilter filter)
    {
        if (filter.Board is { } board)
        {
            sql.Append(" AND c.board_id = @Board");
            parameters.Add("Board", board);
        }

        if (filter.Category is { } category)
        {
            sql.Append(" AND c.category = @Category");
            parameters.Add("Category", category);
        }

        if (filter.MinScore is { } min)
        {
            sql.Append(" AND c.score >= @MinScore");
            parameters.Add("MinScore", min);
        }

        if (filter.MaxScore is { } max)
        {
            sql.Append(" AND c.score <= @MaxScore");
            parameters.Add("MaxScore", max);
        }

        if (filter.OpenedBefore is { } before)
        {
            sql.Append(" AND c.opened_at <= @OpenedBefore");
            parameters.Add("OpenedBefore", before);
        }

        if (filter.OpenedAfter is { } afterTime)
        {
            sql.Append(" AND c.opened_at >= @OpenedAfter");
            parameters.Add("OpenedAfter", afterTime);
        }
    }

    private static string EscapeLike(string value) => new([.. value.Where(char.IsAsciiDigit)]);

    public async Task<ReviewCaseDetail?> FindAsync(long caseId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await FindAsync(connection, null, caseId, cancellationToken);
    }

    private static async Task<ReviewCaseDetail?> FindAsync(DbConnection connection, DbTransaction? transaction, long caseId, CancellationToken cancellationToken)
    {
        const string Sql = $"""
            SELECT {SummaryColumns},
                   c.scan_id, b.operator_id, o.verdict_queue, b.status AS board_status, p.channel, p.author_id, p.title, p.body,
                   p.submitted_at, p.source_outlet, p.source_consent, s.action AS scan_action, s.reasons_json, s.rule_set_version, s.scanned_at
            {SummaryFrom}
            JOIN posts p ON p.board_id = c.board_id AND p.post_id = c.post_id AND p.revision = c.revision
            JOIN operators o ON o.operator_id = b.operator_id
            JOIN scans s ON s.scan_id = c.scan_id
            WHERE c.case_id = @caseId
            """;
        var rows = await connection.QueryAsync<ReviewCaseSummary, ReviewCaseDetail, ReviewCaseDetail>(new CommandDefinition(Sql, new { caseId }, transaction, cancellationToken: cancellationToken),
            (summary, detail) => detail with { Case = summary }, splitOn: "scan_id");
        return rows.SingleOrDefault();
    }

    /// <summary>
    /// Claims the case for <paramref name="actor"/> until now + <paramref name="lease"/>. A claim by the
    /// holder renews it (with a new token). Refused while another's claim is unexpired, or when the case
    /// is no longer open.
    /// </summary>
    public async Task<ClaimResult> ClaimAsync(long caseId, string actor, TimeSpan lease, CancellationToken cancellationToken)
    {
        const string Claim = """
            UPDATE review_cases SET claimed_by = @actor, claim_expires_at = @until, version = version + 1
            WHERE case_id = @caseId AND status = 'Open'
              AND (claimed_by IS NULL OR claim_expires_at <= @now OR claimed_by = @actor)
            RETURNING version
            """;
        var now = time.GetUtcNow();
        var until = now + lease;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var version = await connection.ExecuteScalarAsync<int?>(new CommandDefinition(Claim, new { caseId, actor, until, now }, transaction, cancellationToken: cancellationToken));
        if (version is null)
        {
            await transaction.RollbackAsync(cancellationToken);
            var current = await FindAsync(connection, null, caseId, cancellationToken);
            return current is null ? ClaimResult.NotFound(caseId) : new ClaimResult(false, current.Case.Version, current.Case.ClaimExpiresAt, current.Case.ClaimedBy, WhyNotClaimable(current.Case, now));
        }

        await audit.AppendAsync(connection, transaction, new AuditEntry(actor, "case.claimed", Subject(caseId), Json(new { version, expiresAt = until })), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ClaimResult(true, version.Value, until, actor, null);
    }

    /// <summary>Gives a claim back before it expires; only the holder, with the claim's token.</summary>
    public async Task<bool> ReleaseClaimAsync(long caseId, string actor, int claimVersion, CancellationToken cancellationToken)
    {
        const string Sql = """
            UPDATE review_cases SET claimed_by = NULL, claim_expires_at = NULL, version = version + 1
            WHERE case_id = @caseId AND claimed_by = @actor AND version = @claimVersion AND status = 'Open'
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await connection.ExecuteAsync(new CommandDefinition(Sql, new { caseId, actor, claimVersion }, transaction, cancellationToken: cancellationToken)) != 1)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        await audit.AppendAsync(connection, transaction, new AuditEntry(actor, "case.claim-released", Subject(caseId), Json(new { version = claimVersion })), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Returns cases whose claim ran out to the queue (and says so in the audit log). Deciding never
    /// depends on this: an expired claim's token is refused whether or not it was swept yet.
    /// </summary>
    public async Task<IReadOnlyList<long>> ExpireClaimsAsync(CancellationToken cancellationToken)
    {
        const string Due = """
            SELECT case_id, claimed_by, version FROM review_cases
            WHERE claim_expires_at <= @now AND claimed_by IS NOT NULL AND status = 'Open'
            ORDER BY claim_expires_at LIMIT 200
            """;
        const string Expire = """
            UPDATE review_cases SET claimed_by = NULL, claim_expires_at = NULL, version = version + 1
            WHERE case_id = @CaseId AND version = @Version AND claim_expires_at <= @now
            """;
        var now = time.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        var due = (await connection.QueryAsync<(long CaseId, string ClaimedBy, int Version)>(new CommandDefinition(Due, new { now }, cancellationToken: cancellationToken))).ToList();
        var expired = new List<long>();
        foreach (var claim in due)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            if (await connection.ExecuteAsync(new CommandDefinition(Expire, new { claim.CaseId, claim.Version, now }, transaction, cancellationToken: cancellationToken)) == 1)
            {
                await audit.AppendAsync(connection, transaction, new AuditEntry("system", "case.claim-expired", Subject(claim.CaseId), Json(new { claimedBy = claim.ClaimedBy, version = claim.Version })), cancellationToken);
                expired.Add(claim.CaseId);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        return expired;
    }

    /// <summary>
    /// Decides the case in one transaction: the case's state, the decision row, the verdict for the
    /// forum (outbox), the incident, the audit row. <paramref name="effects"/> is asked, with the case
    /// as it is inside the transaction, what to write besides.
    /// </summary>
    public async Task<DecisionResult> DecideAsync(DecisionRequest request, Func<ReviewCaseDetail, DecisionEffects> effects, CancellationToken cancellationToken)
    {
        var newStatus = ReviewDecisionKind.StatusAfter(request.Decision);
        var now = time.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        if (await FindDecisionAsync(connection, transaction, request.RequestId, cancellationToken) is { } earlier)
        {
            await transaction.RollbackAsync(cancellationToken);
            return Replay(request, earlier);
        }

        var current = await FindAsync(connection, transaction, request.CaseId, cancellationToken);
        if (current is null)
        {
            await transaction.RollbackAsync(cancellationToken);
            return new DecisionResult { Outcome = DecisionOutcome.NotFound, Refusal = $"There is no case {request.CaseId}." };
        }

        const string Close = """
            UPDATE review_cases
               SET status = @newStatus, version = version + 1, decided_by = @Actor, decided_at = @now,
                   claimed_by = NULL, claim_expires_at = NULL
             WHERE case_id = @CaseId AND version = @ClaimVersion AND claimed_by = @Actor AND claim_expires_at > @now AND status = 'Open'
            RETURNING version
            """;
        var version = await connection.ExecuteScalarAsync<int?>(new CommandDefinition(Close, new { newStatus, request.Actor, now, request.CaseId, request.ClaimVersion }, transaction, cancellationToken: cancellationToken));
        if (version is null)
        {
            await transaction.RollbackAsync(cancellationToken);
            return new DecisionResult { Outcome = DecisionOutcome.Refused, Refusal = WhyNotDecidable(current.Case, request, now) };
        }

        const string InsertDecision = """
            INSERT INTO review_decisions (case_id, board_id, post_id, revision, decision, reason, decided_by, decided_at, request_id, case_version)
            VALUES (@CaseId, @BoardId, @PostId, @Revision, @Decision, @Reason, @Actor, @now, @RequestId, @version)
            RETURNING decision_id
            """;
        long decisionId;
        try
        {
            decisionId = await connection.ExecuteScalarAsync<long>(new CommandDefinition(InsertDecision, new
            {
                request.CaseId,
                current.Case.BoardId,
                current.Case.PostId,
                current.Case.Revision,
                request.Decision,
                request.Reason,
                request.Actor,
                now,
                request.RequestId,
                version,
            }, transaction, cancellationToken: cancellationToken));
        }
        catch (DbException) when (!cancellationToken.IsCancellationRequested)
        {
            // The same request raced itself; the other copy won. Report what it decided.
            await transaction.RollbackAsync(CancellationToken.None);
            await using var again = await database.OpenAsync(cancellationToken);
            var winner = await FindDecisionAsync(again, null, request.RequestId, cancellationToken);
            return winner is null ? throw new InvalidOperationException($"Decision {request.RequestId} failed and no earlier copy exists.") : Replay(request, winner);
        }

        var writes = effects(current);
        long? outboxId = null;
        if (writes.Verdict is { } verdict)
        {
            outboxId = await OutboxTable.InsertClaimedAsync(connection, transaction, verdict, now, storage.Value.OutboxClaimDuration, cancellationToken);
        }

        long? incidentId = null;
        if (writes.Incident is { } incident)
        {
            incidentId = (await IncidentWriter.OpenAsync(connection, transaction, incident, cancellationToken)).IncidentId;
        }

        await audit.AppendAsync(connection, transaction, new AuditEntry(request.Actor, "case.decided", Subject(request.CaseId), Json(new
        {
            decision = request.Decision,
            reason = request.Reason,
            requestId = request.RequestId,
            version,
            board = current.Case.BoardId,
            post = current.Case.PostId,
            revision = current.Case.Revision,
            incidentId,
        })), cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        var record = new ReviewDecisionRecord
        {
            DecisionId = decisionId,
            CaseId = request.CaseId,
            BoardId = current.Case.BoardId,
            PostId = current.Case.PostId,
            Revision = current.Case.Revision,
            Decision = request.Decision,
            Reason = request.Reason,
            DecidedBy = request.Actor,
            DecidedAt = now,
            RequestId = request.RequestId,
            CaseVersion = version.Value,
        };
        return new DecisionResult { Outcome = DecisionOutcome.Decided, Decision = record, VerdictOutboxId = outboxId, Verdict = writes.Verdict, IncidentId = incidentId };
    }

    /// <summary>The boards within a scope (for the queue's board filter), by name.</summary>
    public async Task<IReadOnlyList<(string BoardId, string Name)>> BoardsAsync(IReadOnlyCollection<string>? scopeBoards, string? divisionPrefix, CancellationToken cancellationToken)
    {
        const string Sql = "SELECT board_id, name, division_code FROM boards ORDER BY name, board_id";
        await using var connection = await database.OpenAsync(cancellationToken);
        var all = await connection.QueryAsync<(string BoardId, string Name, string DivisionCode)>(new CommandDefinition(Sql, cancellationToken: cancellationToken));
        return [.. all
            .Where(b => scopeBoards is null || scopeBoards.Contains(b.BoardId))
            .Where(b => divisionPrefix is null || b.DivisionCode.StartsWith(divisionPrefix, StringComparison.Ordinal))
            .Select(b => (b.BoardId, b.Name))];
    }

    public async Task<IReadOnlyList<ReviewDecisionRecord>> DecisionsForPostAsync(string boardId, string postId, CancellationToken cancellationToken)
    {
        const string Sql = """
            SELECT decision_id, case_id, board_id, post_id, revision, decision, reason, decided_by, decided_at, request_id, case_version
            FROM review_decisions WHERE board_id = @boardId AND post_id = @postId ORDER BY decided_at DESC, decision_id DESC
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<ReviewDecisionRecord>(new CommandDefinition(Sql, new { boardId, postId }, cancellationToken: cancellationToken))];
    }

    /// <summary>The board's most recent decided cases, for the case page's board history.</summary>
    public async Task<IReadOnlyList<ReviewDecisionRecord>> RecentDecisionsOnBoardAsync(string boardId, int limit, CancellationToken cancellationToken)
    {
        const string Sql = """
            SELECT decision_id, case_id, board_id, post_id, revision, decision, reason, decided_by, decided_at, request_id, case_version
            FROM review_decisions WHERE board_id = @boardId ORDER BY decided_at DESC, decision_id DESC LIMIT @limit
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<ReviewDecisionRecord>(new CommandDefinition(Sql, new { boardId, limit }, cancellationToken: cancellationToken))];
    }

    private static async Task<ReviewDecisionRecord?> FindDecisionAsync(DbConnection connection, DbTransaction? transaction, string requestId, CancellationToken cancellationToken)
    {
        const string Sql = """
            SELECT decision_id, case_id, board_id, post_id, revision, decision, reason, decided_by, decided_at, request_id, case_version
            FROM review_decisions WHERE request_id = @requestId
            """;
        return await connection.QuerySingleOrDefaultAsync<ReviewDecisionRecord>(new CommandDefinition(Sql, new { requestId }, transaction, cancellationToken: cancellationToken));
    }

    private static DecisionResult Replay(DecisionRequest request, ReviewDecisionRecord earlier) =>
        earlier.CaseId == request.CaseId && earlier.Decision == request.Decision && earlier.DecidedBy == request.Actor
            ? new DecisionResult { Outcome = DecisionOutcome.Replayed, Decision = earlier }
            : new DecisionResult
            {
                Outcome = DecisionOutcome.Refused,
                Refusal = $"Request id '{request.RequestId}' was already used for {earlier.Decision} of case {earlier.CaseId} by {earlier.DecidedBy}; send a new request id for a new decision.",
            };

    private static string WhyNotClaimable(ReviewCaseSummary c, DateTimeOffset now) =>
        !ReviewCaseStatus.IsPending(c.Status) || c.DecidedAt is not null
            ? $"Case {c.CaseId} was already decided ({c.Status}) by {c.DecidedBy} at {c.DecidedAt:u}."
            : c.Status == ReviewCaseStatus.Escalated
                ? $"Case {c.CaseId} was escalated to the officer of division {c.DivisionCode}; moderators no longer claim it."
                : $"Case {c.CaseId} is claimed by {c.ClaimedBy} until {c.ClaimExpiresAt:u} ({(c.ClaimExpiresAt!.Value - now).TotalSeconds:0} s left).";

    private static string WhyNotDecidable(ReviewCaseSummary c, DecisionRequest request, DateTimeOffset now)
    {
        if (c.Status != ReviewCaseStatus.Open)
        {
            return $"Case {c.CaseId} was already decided ({c.Status}) by {c.DecidedBy} at {c.DecidedAt:u}; nothing was changed.";
        }

        if (c.ClaimedBy != request.Actor || c.ClaimExpiresAt <= now)
        {
            return c.ClaimedBy is null || c.ClaimExpiresAt <= now
                ? $"Your claim on case {c.CaseId} has expired; claim it again, check it is unchanged, then decide."
                : $"Case {c.CaseId} is claimed by {c.ClaimedBy} until {c.ClaimExpiresAt:u}; only the holder of the claim decides it.";
        }

        return $"Your claim token {request.ClaimVersion} on case {c.CaseId} is stale (the case is at version {c.Version}: it was claimed again since). Reload the case and decide again.";
    }

    private static string Subject(long caseId) => "case:" + caseId.ToString(CultureInfo.InvariantCulture);

    private static string Json(object value) => JsonSerializer.Serialize(value, JsonOptions);

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
}
