using System.Data.Common;
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
    public static string InsertManyIfAbsent(DbConnection connection, IReadOnlyList<PostRecord> posts, DynamicParameters parameters)
    {
        var rows = MultiRow.Rows(connection, posts, parameters, "p",
            RowColumn<PostRecord>.Text(p => p.BoardId), RowColumn<PostRecord>.Text(p => p.PostId), RowColumn<PostRecord>.Integer(p => p.Revision),
            RowColumn<PostRecord>.Text(p => p.Channel), RowColumn<PostRecord>.Text(p => p.AuthorId), RowColumn<PostRecord>.Text(p => p.Title),
            RowColumn<PostRecord>.Text(p => p.Body), RowColumn<PostRecord>.Timestamp(p => p.SubmittedAt), RowColumn<PostRecord>.Timestamp(p => p.ReceivedAt),
            RowColumn<PostRecord>.Text(p => p.SourceOutlet), RowColumn<PostRecord>.Text(p => p.SourceConsent));
        return $"INSERT INTO posts ({Columns}) {rows} ON CONFLICT (board_id, post_id, revision) DO NOTHING";
    }
}
