using MassTransit;
using Moderation.Contracts;
using Moderation.Storage.Posts;

namespace Moderation.Scanner.Scanning;

/// <summary>The forum deleted a post: every revision is marked withdrawn. Repeats change nothing.</summary>
internal sealed class PostWithdrawnConsumer(PostRepository posts, TimeProvider time, ILogger<PostWithdrawnConsumer> logger) : IConsumer<PostWithdrawn>
{
    public async Task Consume(ConsumeContext<PostWithdrawn> context)
    {
        var message = context.Message;
        // A post was only ever accepted under ids of the id character set: anything else names no post
        // (and a NUL must not reach the database), so there is nothing to withdraw and retrying cannot help.
        if (!WireText.IsId(message.BoardId) || !WireText.IsId(message.PostId))
        {
            logger.LogWarning("PostWithdrawn {MessageId} without a usable boardId or postId ignored", context.MessageId);
            return;
        }

        var at = message.WithdrawnAt == default ? time.GetUtcNow() : message.WithdrawnAt;
        var changed = await posts.WithdrawAsync(message.BoardId, message.PostId, at, context.CancellationToken);
        logger.LogInformation("Post {BoardId}/{PostId} withdrawn by the forum ({Revisions} revision(s))", message.BoardId, message.PostId, changed);
    }
}
