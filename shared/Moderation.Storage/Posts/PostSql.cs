using Dapper;
using Moderation.Storage.Database;

namespace Moderation.Storage.Posts;

internal static class PostSql
{
    private const string Columns = "board_id, post_id, revision, channel, author_id, title, body, submitted_at, received_at, source_outlet, source_consent";

    /// <summary>Idempotent on (board, post, revision): a redelivered post changes nothing.</summary>
    public const string InsertIfAbsent = $"""
        INSERT INTO posts ({Columns})
        VALUES (@BoardId, @PostId, @Revision, @Channel, @AuthorId, @Title, @Body, @SubmittedAt, @ReceivedAt, @SourceOutlet, @SourceConsent)
        ON CONFLICT (board_id, post_id, revision) DO NOTHING
        """;

    /// <summary>
    /// <see cref="InsertIfAbsent"/> for many rows in one statement, its values added to
    /// <paramref name="parameters"/>. A revision sent twice in one batch is kept once: ON CONFLICT DO
    /// NOTHING covers rows of the same statement too.
    /// </summary>
    public static string InsertManyIfAbsent(IReadOnlyList<PostRecord> posts, DynamicParameters parameters)
    {
        var values = MultiRow.Values(posts, parameters, "p",
            p => p.BoardId, p => p.PostId, p => p.Revision, p => p.Channel, p => p.AuthorId, p => p.Title, p => p.Body,
            p => p.SubmittedAt, p => p.ReceivedAt, p => p.SourceOutlet, p => p.SourceConsent);
        return $"INSERT INTO posts ({Columns}) VALUES {values} ON CONFLICT (board_id, post_id, revision) DO NOTHING";
    }
}
