using Dapper;
using Moderation.Storage.Database;

namespace Moderation.Storage.Models;

/// <summary>
/// Moderators' decisions as training labels: for each post revision its latest Release or Confirm
/// (an Escalate is not a label; the officer's later decision is), with the post's text, which is
/// null once it was purged after hand-off to the department.
/// </summary>
public sealed class DecisionLabels(ModerationDatabase database)
{
    /// <param name="since">Only decisions taken at or after this moment; null for all.</param>
    public async Task<IReadOnlyList<DecisionLabel>> ReadAsync(DateTimeOffset? since, CancellationToken cancellationToken)
    {
        const string Sql = """
            SELECT d.decision_id, d.board_id, d.post_id, d.revision, d.decision, d.decided_at, p.title, p.body
            FROM review_decisions d
            JOIN posts p ON p.board_id = d.board_id AND p.post_id = d.post_id AND p.revision = d.revision
            WHERE d.decision IN ('Release', 'Confirm')
              AND d.decided_at >= @since
              AND NOT EXISTS (
                  SELECT 1 FROM review_decisions later
                  WHERE later.board_id = d.board_id AND later.post_id = d.post_id AND later.revision = d.revision
                    AND later.decision IN ('Release', 'Confirm') AND later.decision_id > d.decision_id)
            ORDER BY d.decision_id
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<DecisionLabel>(new CommandDefinition(Sql, new { since = since ?? DateTimeOffset.UnixEpoch }, cancellationToken: cancellationToken));
        return [.. rows];
    }
}
