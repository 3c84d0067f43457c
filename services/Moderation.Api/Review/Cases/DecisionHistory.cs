using System.Data.Common;
using Dapper;
using Moderation.Storage.Database;

namespace Moderation.Api.Review.Cases;

/// <summary>Stored decisions (<c>review_decisions</c>): a post's and a board's history, and a request's earlier outcome.</summary>
public sealed class DecisionHistory(ModerationDatabase database)
{
    private const string Columns = "decision_id, case_id, board_id, post_id, revision, decision, reason, decided_by, decided_at, request_id, case_version";

    public async Task<IReadOnlyList<ReviewDecisionRecord>> ForPostAsync(string boardId, string postId, CancellationToken cancellationToken)
    {
        const string Sql = $"SELECT {Columns} FROM review_decisions WHERE board_id = @boardId AND post_id = @postId ORDER BY decided_at DESC, decision_id DESC";
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<ReviewDecisionRecord>(new CommandDefinition(Sql, new { boardId, postId }, cancellationToken: cancellationToken))];
    }

    /// <summary>The board's most recent decided cases, for the case page's board history.</summary>
    public async Task<IReadOnlyList<ReviewDecisionRecord>> RecentOnBoardAsync(string boardId, int limit, CancellationToken cancellationToken)
    {
        const string Sql = $"SELECT {Columns} FROM review_decisions WHERE board_id = @boardId ORDER BY decided_at DESC, decision_id DESC LIMIT @limit";
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<ReviewDecisionRecord>(new CommandDefinition(Sql, new { boardId, limit }, cancellationToken: cancellationToken))];
    }

    /// <summary>The decision a request id already made, if any (<c>request_id</c> is unique).</summary>
    public static async Task<ReviewDecisionRecord?> FindByRequestAsync(DbConnection connection, DbTransaction? transaction, string requestId, CancellationToken cancellationToken)
    {
        const string Sql = $"SELECT {Columns} FROM review_decisions WHERE request_id = @requestId";
        return await connection.QuerySingleOrDefaultAsync<ReviewDecisionRecord>(new CommandDefinition(Sql, new { requestId }, transaction, cancellationToken: cancellationToken));
    }
}
