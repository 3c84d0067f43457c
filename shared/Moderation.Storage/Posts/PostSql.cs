using System.Text;
using Dapper;

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
    /// <see cref="InsertIfAbsent"/> for many rows in one statement (numbered parameters). A revision
    /// sent twice in one batch is kept once: ON CONFLICT covers rows of the same statement too.
    /// </summary>
    public static (string Sql, DynamicParameters Parameters) InsertManyIfAbsent(IReadOnlyList<PostRecord> posts)
    {
        var sql = new StringBuilder($"INSERT INTO posts ({Columns}) VALUES ");
        var parameters = new DynamicParameters();
        for (var i = 0; i < posts.Count; i++)
        {
            var post = posts[i];
            sql.Append(i == 0 ? "" : ", ")
                .Append($"(@b{i}, @p{i}, @r{i}, @c{i}, @a{i}, @t{i}, @x{i}, @s{i}, @v{i}, @o{i}, @n{i})");
            parameters.Add($"b{i}", post.BoardId);
            parameters.Add($"p{i}", post.PostId);
            parameters.Add($"r{i}", post.Revision);
            parameters.Add($"c{i}", post.Channel);
            parameters.Add($"a{i}", post.AuthorId);
            parameters.Add($"t{i}", post.Title);
            parameters.Add($"x{i}", post.Body);
            parameters.Add($"s{i}", post.SubmittedAt);
            parameters.Add($"v{i}", post.ReceivedAt);
            parameters.Add($"o{i}", post.SourceOutlet);
            parameters.Add($"n{i}", post.SourceConsent);
        }

        sql.Append(" ON CONFLICT (board_id, post_id, revision) DO NOTHING");
        return (sql.ToString(), parameters);
    }

    /// <summary>The head of <see cref="InsertIfAbsent"/>, for a multi-row VALUES list in the same column order.</summary>
    public const string InsertColumns = $"INSERT INTO posts ({Columns})";

    /// <summary>The tail of <see cref="InsertIfAbsent"/>.</summary>
    public const string IfAbsent = "ON CONFLICT (board_id, post_id, revision) DO NOTHING";
}
