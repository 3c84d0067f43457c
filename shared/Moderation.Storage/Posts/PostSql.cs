namespace Moderation.Storage.Posts;

internal static class PostSql
{
    /// <summary>Idempotent on (board, post, revision): a redelivered post changes nothing.</summary>
    public const string InsertIfAbsent = """
        INSERT INTO posts (board_id, post_id, revision, channel, author_id, title, body, submitted_at, received_at, source_outlet, source_consent)
        VALUES (@BoardId, @PostId, @Revision, @Channel, @AuthorId, @Title, @Body, @SubmittedAt, @ReceivedAt, @SourceOutlet, @SourceConsent)
        ON CONFLICT (board_id, post_id, revision) DO NOTHING
        """;
}
