using MassTransit;
using Microsoft.Extensions.Options;
using Moderation.Contracts;
using Moderation.Hosting.Messaging;
using Moderation.Outbox;
using Moderation.Storage.Boards;
using Moderation.Storage.Rejections;

namespace Moderation.Scanner.Scanning;

/// <summary>
/// Tells a forum why its post was not scanned. The notice goes to the board's operator; when the
/// board is unknown, to the operator the broker authenticated as the sender; failing both, to the
/// queue administrators watch. Recorded once per submission, however often it is redelivered.
/// </summary>
internal sealed class PostRejecter(
    RejectionStore rejections,
    BoardRepository boards,
    MessageOutbox outbox,
    ScannerMetrics metrics,
    IOptions<MessagingOptions> options,
    TimeProvider time,
    ILogger<PostRejecter> logger)
{
    public async Task RejectAsync(ConsumeContext<PostSubmitted> context, Board? board, RejectionCode code, string reason)
    {
        var post = context.Message;
        var now = time.GetUtcNow();
        var notice = new PostRejected
        {
            BoardId = post.BoardId,
            PostId = post.PostId,
            Revision = post.Revision,
            Code = code,
            Reason = reason,
            MessageId = context.MessageId,
            RejectedAt = now,
        };
        var destination = await DestinationAsync(context, board);
        var write = new RejectionWrite
        {
            DedupeKey = context.MessageId?.ToString("N") ?? Truncate($"{post.BoardId}/{post.PostId}/{post.Revision}/{code}")!,
            BoardId = Truncate(post.BoardId),
            PostId = Truncate(post.PostId),
            Revision = post.Revision,
            Code = code.ToString(),
            Reason = reason,
            RejectedAt = now,
            Notice = MessageOutbox.Rejection(destination, notice),
        };

        var outboxId = await rejections.RecordAsync(write, context.CancellationToken);
        if (outboxId is null)
        {
            return;
        }

        metrics.Rejected(code);
        logger.LogInformation("Rejected post {BoardId}/{PostId}#{Revision} ({Code}): {Reason}", post.BoardId, post.PostId, post.Revision, code, reason);
        await outbox.TryDispatchAsync(outboxId.Value, write.Notice, context.CancellationToken);
    }

    private async Task<string> DestinationAsync(ConsumeContext context, Board? board)
    {
        if (board is not null)
        {
            return board.VerdictQueue;
        }

        if (OperatorIdentity.PublisherOf(context) is { } publisher
            && await boards.FindOperatorByAmqpUserAsync(publisher, context.CancellationToken) is { } sender)
        {
            return sender.VerdictQueue;
        }

        return options.Value.UnroutableRejectionsQueue;
    }

    /// <summary>As stored: at most 256 characters, and a malformed id's control characters shown as U+FFFD (the database cannot hold a NUL).</summary>
    private static string? Truncate(string? value) => value is null ? null : WireText.Printable(value is { Length: > 256 } ? value[..256] : value);
}
