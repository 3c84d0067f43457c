using Dapper;
using Microsoft.Extensions.Options;
using Moderation.Contracts;
using Moderation.Storage.Boards;
using Moderation.Storage.Database;
using Moderation.Storage.Departments;
using Moderation.Storage.Incidents;
using Moderation.Storage.Outbox;
using Moderation.Verdicts.Divisions;

namespace Moderation.Storage.Orders;

/// <summary>
/// Takedown orders (Art. 15, 17) and rectification orders (Art. 13): issued by officers within their
/// area, sent to forums through the message outbox, tracked to completion, flagged when overdue.
/// </summary>
public sealed class OrderRepository(ModerationDatabase database, TimeProvider time, IOptions<StorageOptions> options)
{
    public const int MaxTargets = 10_000;

    /// <summary>
    /// Resolves the targets (explicit posts must lie in the officer's area; document ids expand to
    /// every post there that matched the document), stores the order and one claimed
    /// <c>TakedownRequested</c> per operator in one transaction.
    /// </summary>
    public async Task<TakedownIssued> IssueTakedownAsync(TakedownIssue issue, Func<string, TakedownRequested, OutboundMessage> toMessage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(issue);
        ArgumentNullException.ThrowIfNull(toMessage);
        var now = time.GetUtcNow();
        var pattern = DivisionCode.AreaPattern(issue.Area);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var targets = new Dictionary<(string, string), TargetRow>();
        foreach (var (boardId, postId) in issue.Posts)
        {
            var row = await connection.QuerySingleOrDefaultAsync<TargetRow>(new CommandDefinition("""
                SELECT p.board_id, p.post_id, b.operator_id, o.verdict_queue, b.division_code
                  FROM posts p JOIN boards b ON b.board_id = p.board_id JOIN operators o ON o.operator_id = b.operator_id
                 WHERE p.board_id = @boardId AND p.post_id = @postId
                 LIMIT 1
                """, new { boardId, postId }, transaction, cancellationToken: cancellationToken));
            if (row is null || !DivisionCode.Covers(issue.Area, row.DivisionCode.Trim()))
            {
                // The same answer for "no such post" and "not yours", so officers learn nothing outside their area.
                return new TakedownIssued(null, [], $"targets: no post '{postId}' on board '{boardId}' within your area {issue.Area}");
            }

            targets[(row.BoardId, row.PostId)] = row;
        }

        var contains = database.Provider == StorageProvider.Postgres ? "strpos(s.reasons_json, @Needle) > 0" : "instr(s.reasons_json, @Needle) > 0";
        foreach (var documentId in issue.DocumentIds)
        {
            // Both kinds of fingerprint evidence name the document: fingerprint:<id> (passage) and simhash:<id> (repost).
            foreach (var needle in new[] { $"\"fingerprint:{documentId}\"", $"\"simhash:{documentId}\"" })
            {
                var rows = await connection.QueryAsync<TargetRow>(new CommandDefinition($"""
                    SELECT DISTINCT s.board_id, s.post_id, b.operator_id, o.verdict_queue, b.division_code
                      FROM scans s JOIN boards b ON b.board_id = s.board_id JOIN operators o ON o.operator_id = b.operator_id
                     WHERE b.division_code LIKE @Pattern AND {contains}
                    """, new { Pattern = pattern, Needle = needle }, transaction, cancellationToken: cancellationToken));
                foreach (var row in rows)
                {
                    targets.TryAdd((row.BoardId, row.PostId), row);
                }
            }
        }

        if (targets.Count == 0)
        {
            return new TakedownIssued(null, [], issue.DocumentIds.Count > 0
                ? $"documentIds: no post within your area {issue.Area} matched {string.Join(", ", issue.DocumentIds)}; nothing to take down"
                : "targets: name at least one post (boardId, postId) or a protected document id");
        }

        if (targets.Count > MaxTargets)
        {
            return new TakedownIssued(null, [], $"targets: {targets.Count} posts; one order covers at most {MaxTargets}, split it");
        }

        var orderId = $"td-{Guid.CreateVersion7(now):N}";
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO takedown_orders (order_id, division_code, reason, deadline, status, issued_by, issued_at)
            VALUES (@orderId, @Area, @Reason, @Deadline, 'Open', @IssuedBy, @Now)
            """, new { orderId, issue.Area, issue.Reason, issue.Deadline, issue.IssuedBy, Now = now }, transaction, cancellationToken: cancellationToken));
        foreach (var target in targets.Values)
        {
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO takedown_targets (order_id, board_id, post_id, operator_id) VALUES (@orderId, @BoardId, @PostId, @OperatorId)
                """, new { orderId, target.BoardId, target.PostId, target.OperatorId }, transaction, cancellationToken: cancellationToken));
            foreach (var incidentId in await connection.QueryAsync<long>(new CommandDefinition(
                "SELECT incident_id FROM incidents WHERE board_id = @BoardId AND post_id = @PostId", new { target.BoardId, target.PostId }, transaction, cancellationToken: cancellationToken)))
            {
                await IncidentMeasures.AddAsync(connection, transaction, incidentId, IncidentMeasures.TakedownRequested, $"Order {orderId}, deadline {issue.Deadline:u}", issue.IssuedBy, now, cancellationToken);
            }
        }

        var messages = new List<(long, OutboundMessage)>();
        foreach (var group in targets.Values.GroupBy(t => t.VerdictQueue))
        {
            var message = toMessage(group.Key, new TakedownRequested
            {
                OrderId = orderId,
                Targets = [.. group.OrderBy(t => t.BoardId).ThenBy(t => t.PostId).Select(t => new TakedownTarget { BoardId = t.BoardId, PostId = t.PostId })],
                Deadline = issue.Deadline,
                Reason = issue.Reason,
                DivisionCode = issue.Area,
                IssuedAt = now,
            });
            messages.Add((await OutboxTable.InsertClaimedAsync(connection, transaction, message, now, options.Value.OutboxClaimDuration, cancellationToken), message));
        }

        await transaction.CommitAsync(cancellationToken);
        return new TakedownIssued(await FindTakedownAsync(orderId, cancellationToken), messages, null);
    }

    /// <summary>
    /// Records that a forum deleted one target. Only the operator the target was sent to counts;
    /// a repeat changes nothing. Returns false when the target is unknown or belongs to another operator.
    /// </summary>
    public async Task<bool> CompleteTakedownTargetAsync(TakedownCompleted completed, string? operatorId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(completed);
        var now = time.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var owner = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT operator_id FROM takedown_targets WHERE order_id = @OrderId AND board_id = @BoardId AND post_id = @PostId",
            new { completed.OrderId, completed.BoardId, completed.PostId }, transaction, cancellationToken: cancellationToken));
        if (owner is null || (operatorId is not null && owner != operatorId))
        {
            return false;
        }

        var first = await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE takedown_targets SET completed_at = @CompletedAt
             WHERE order_id = @OrderId AND board_id = @BoardId AND post_id = @PostId AND completed_at IS NULL
            """, new { completed.OrderId, completed.BoardId, completed.PostId, CompletedAt = completed.CompletedAt == default ? now : completed.CompletedAt }, transaction, cancellationToken: cancellationToken));
        if (first == 1)
        {
            foreach (var incidentId in await connection.QueryAsync<long>(new CommandDefinition(
                "SELECT incident_id FROM incidents WHERE board_id = @BoardId AND post_id = @PostId", new { completed.BoardId, completed.PostId }, transaction, cancellationToken: cancellationToken)))
            {
                await IncidentMeasures.AddAsync(connection, transaction, incidentId, IncidentMeasures.TakedownCompleted, $"Order {completed.OrderId}", owner, now, cancellationToken);
            }

            await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE takedown_orders SET status = 'Completed', completed_at = @Now
                 WHERE order_id = @OrderId AND completed_at IS NULL
                   AND NOT EXISTS (SELECT 1 FROM takedown_targets t WHERE t.order_id = @OrderId AND t.completed_at IS NULL)
                """, new { completed.OrderId, Now = now }, transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<TakedownOrder?> FindTakedownAsync(string orderId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var order = await connection.QuerySingleOrDefaultAsync<TakedownOrder>(new CommandDefinition(
            TakedownSql + " WHERE order_id = @orderId", new { orderId }, cancellationToken: cancellationToken));
        if (order is null)
        {
            return null;
        }

        var targets = await connection.QueryAsync<TakedownTargetState>(new CommandDefinition(
            "SELECT board_id, post_id, operator_id, completed_at FROM takedown_targets WHERE order_id = @orderId ORDER BY board_id, post_id",
            new { orderId }, cancellationToken: cancellationToken));
        return order with { DivisionCode = order.DivisionCode.Trim(), Targets = [.. targets] };
    }

    /// <summary>Takedown orders issued within <paramref name="area"/>, open ones first.</summary>
    public async Task<IReadOnlyList<TakedownOrder>> ListTakedownsAsync(string area, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var orders = await connection.QueryAsync<TakedownOrder>(new CommandDefinition(
            TakedownSql + " WHERE division_code LIKE @Pattern ORDER BY CASE WHEN completed_at IS NULL THEN 0 ELSE 1 END, deadline LIMIT @limit",
            new { Pattern = DivisionCode.AreaPattern(area), limit }, cancellationToken: cancellationToken));
        var list = new List<TakedownOrder>();
        foreach (var order in orders)
        {
            var targets = await connection.QueryAsync<TakedownTargetState>(new CommandDefinition(
                "SELECT board_id, post_id, operator_id, completed_at FROM takedown_targets WHERE order_id = @OrderId ORDER BY board_id, post_id",
                new { order.OrderId }, cancellationToken: cancellationToken));
            list.Add(order with { DivisionCode = order.DivisionCode.Trim(), Targets = [.. targets] });
        }

        return list;
    }

    public async Task<RectificationOrder?> IssueRectificationAsync(string area, string boardId, string requirements, DateTimeOffset deadline, string issuedBy, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        var division = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT division_code FROM boards WHERE board_id = @boardId", new { boardId }, cancellationToken: cancellationToken));
        if (division is null || !DivisionCode.Covers(area, division.Trim()))
        {
            return null;
        }

        var orderId = $"rc-{Guid.CreateVersion7(now):N}";
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO rectification_orders (order_id, board_id, division_code, requirements, deadline, status, issued_by, issued_at)
            VALUES (@orderId, @boardId, @Division, @requirements, @deadline, 'Open', @issuedBy, @Now)
            """, new { orderId, boardId, Division = division.Trim(), requirements, deadline, issuedBy, Now = now }, cancellationToken: cancellationToken));
        return await FindRectificationAsync(orderId, cancellationToken);
    }

    public async Task<RectificationOrder?> FindRectificationAsync(string orderId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var order = await connection.QuerySingleOrDefaultAsync<RectificationOrder>(new CommandDefinition(
            RectificationSql + " WHERE order_id = @orderId", new { orderId }, cancellationToken: cancellationToken));
        return order is null ? null : order with { DivisionCode = order.DivisionCode.Trim() };
    }

    public async Task<IReadOnlyList<RectificationOrder>> ListRectificationsAsync(string area, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var orders = await connection.QueryAsync<RectificationOrder>(new CommandDefinition(
            RectificationSql + " WHERE division_code LIKE @Pattern ORDER BY CASE WHEN completed_at IS NULL THEN 0 ELSE 1 END, deadline LIMIT @limit",
            new { Pattern = DivisionCode.AreaPattern(area), limit }, cancellationToken: cancellationToken));
        return [.. orders.Select(o => o with { DivisionCode = o.DivisionCode.Trim() })];
    }

    public async Task<bool> CompleteRectificationAsync(string orderId, string completedBy, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE rectification_orders SET status = 'Completed', completed_at = @Now, completed_by = @completedBy
             WHERE order_id = @orderId AND completed_at IS NULL AND suspended_at IS NULL
            """, new { orderId, completedBy, Now = time.GetUtcNow() }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>
    /// Art. 13: records on an overdue, uncompleted order that its board was suspended for it; false
    /// for any other order. The suspension itself is the registration workflow's (the Api's
    /// <c>Orders/BoardSuspension</c>), which has the board's history, audit and notice.
    /// </summary>
    public async Task<bool> RecordBoardSuspendedAsync(string orderId, string suspendedBy, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE rectification_orders SET status = 'BoardSuspended', suspended_at = @Now, suspended_by = @suspendedBy
             WHERE order_id = @orderId AND completed_at IS NULL AND suspended_at IS NULL AND deadline < @Now
            """, new { orderId, suspendedBy, Now = time.GetUtcNow() }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>Marks orders whose deadline passed with work outstanding, once each; returns them for escalation.</summary>
    public async Task<IReadOnlyList<(string Kind, string OrderId, string DivisionCode)>> FlagOverdueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        var takedowns = await connection.QueryAsync<(string, string)>(new CommandDefinition("""
            UPDATE takedown_orders SET status = 'Overdue', escalated_at = @Now
             WHERE completed_at IS NULL AND escalated_at IS NULL AND deadline < @Now
            RETURNING order_id, division_code
            """, new { Now = now }, cancellationToken: cancellationToken));
        var rectifications = await connection.QueryAsync<(string, string)>(new CommandDefinition("""
            UPDATE rectification_orders SET status = 'Overdue', escalated_at = @Now
             WHERE completed_at IS NULL AND suspended_at IS NULL AND escalated_at IS NULL AND deadline < @Now
            RETURNING order_id, division_code
            """, new { Now = now }, cancellationToken: cancellationToken));
        return [.. takedowns.Select(t => ("Takedown", t.Item1, t.Item2.Trim())), .. rectifications.Select(r => ("Rectification", r.Item1, r.Item2.Trim()))];
    }

    private const string TakedownSql = """
        SELECT order_id, division_code, reason, deadline, status, issued_by, issued_at, completed_at, escalated_at FROM takedown_orders
        """;

    private const string RectificationSql = """
        SELECT order_id, board_id, division_code, requirements, deadline, status, issued_by, issued_at, completed_at, completed_by,
               escalated_at, suspended_at, suspended_by
          FROM rectification_orders
        """;

    private sealed class TargetRow
    {
        public string BoardId { get; init; } = "";

        public string PostId { get; init; } = "";

        public string OperatorId { get; init; } = "";

        public string VerdictQueue { get; init; } = "";

        public string DivisionCode { get; init; } = "";
    }
}
