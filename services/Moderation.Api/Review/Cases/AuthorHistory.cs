using Dapper;
using Moderation.Storage.Database;

namespace Moderation.Api.Review.Cases;

/// <summary>
/// An author's other posts on the same board, newest first, with their scans and cases: whether the
/// case in hand is a first slip or a pattern. Only the board's own posts, which the case's reader
/// may see already.
/// </summary>
public sealed class AuthorHistory(ModerationDatabase database)
{
    public async Task<IReadOnlyList<AuthorPost>> EarlierPostsAsync(string boardId, string authorId, string exceptPostId, int limit, CancellationToken cancellationToken)
    {
        const string Sql = """
            SELECT p.post_id, p.revision, p.received_at, s.action, cp.case_id, c.status AS case_status
              FROM posts p
              LEFT JOIN scans s ON s.board_id = p.board_id AND s.post_id = p.post_id AND s.revision = p.revision
              LEFT JOIN case_posts cp ON cp.board_id = p.board_id AND cp.post_id = p.post_id AND cp.revision = p.revision
              LEFT JOIN review_cases c ON c.case_id = cp.case_id
             WHERE p.board_id = @boardId AND p.author_id = @authorId AND p.post_id <> @exceptPostId
             ORDER BY p.received_at DESC, p.post_id DESC, p.revision DESC
             LIMIT @limit
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<AuthorPost>(new CommandDefinition(Sql, new { boardId, authorId, exceptPostId, limit }, cancellationToken: cancellationToken))];
    }
}
