namespace Moderation.Storage.Posts;

internal static class PostSql
{
    /// <summary>Idempotent on (board, post, revision): a redelivered post changes nothing.</summary>
    public const string InsertIfAbsent = """
        INSERT INTO posts (board_id, post_id, revision, channel, author_id, title, body, submitted_at, received_at, source_outlet, source_consent)
        VALUES (@BoardId, @PostId, @Revision, @Channel, @AuthorId, @Title, @Body, @SubmittedAt, @ReceivedAt, @SourceOutlet, @SourceConsent)
        ON CONFLICT (board_id, post_id, revision) DO NOTHING
        """;

    /// <summary>The head of <see cref="InsertIfAbsent"/>, for a multi-row VALUES list in the same column order.</summary>
    public const string InsertColumns =
        "INSERT INTO posts (board_id, post_id, revision, channel, author_id, title, body, submitted_at, received_at, source_outlet, source_consent)";

    /// <summary>The tail of <see cref="InsertIfAbsent"/>.</summary>
    public const string IfAbsent = "ON CONFLICT (board_id, post_id, revision) DO NOTHING";
}
