using MassTransit;
using Moderation.Contracts;
using Moderation.Hosting.Messaging;
using Moderation.Storage.Boards;
using Moderation.Storage.Orders;

namespace Moderation.Notifier.Orders;

/// <summary>
/// Records a forum's report that it deleted a takedown target. Idempotent (a repeat changes
/// nothing); only the operator the target was sent to may complete it, proven by the broker-validated
/// <c>user_id</c>. A report that matches no target of the sender is logged and dropped on purpose:
/// it changes nothing and retrying cannot help.
/// </summary>
internal sealed class TakedownCompletedConsumer(OrderRepository orders, BoardRepository boards, OperatorIdentity identity, ILogger<TakedownCompletedConsumer> logger) : IConsumer<TakedownCompleted>
{
    public async Task Consume(ConsumeContext<TakedownCompleted> context)
    {
        var message = context.Message;
        // Orders and their targets only hold ids of the id character set: anything else matches no target
        // (and a NUL must not reach the database).
        if (!WireText.IsId(message.OrderId) || !WireText.IsId(message.BoardId) || !WireText.IsId(message.PostId))
        {
            logger.LogWarning("TakedownCompleted {MessageId} without a usable orderId, boardId or postId ignored", context.MessageId);
            return;
        }

        string? operatorId = null;
        if (identity.VerifiesPublishers)
        {
            var publisher = OperatorIdentity.PublisherOf(context);
            if (publisher is null || !identity.IsTrusted(publisher))
            {
                operatorId = publisher is null ? "" : (await boards.FindOperatorByAmqpUserAsync(publisher, context.CancellationToken))?.OperatorId ?? "";
            }
        }

        if (!await orders.CompleteTakedownTargetAsync(message, operatorId, context.CancellationToken))
        {
            logger.LogWarning("TakedownCompleted for {OrderId} {BoardId}/{PostId} from {Operator} matches no target of that operator; ignored",
                message.OrderId, message.BoardId, message.PostId, operatorId ?? "a trusted service");
        }
    }
}
