using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace Moderation.Cli.Load;

/// <summary>
/// Reads every operator's own verdict queue as that operator's user (the only queue it may read) and
/// records each message in the ledger. A queue appears when the system first sends to it, so it is
/// waited for; messages are acknowledged after they are recorded.
/// </summary>
public sealed class VerdictConsumer : IAsyncDisposable
{
    private readonly List<(IConnection Connection, IChannel Channel)> _consumers = [];

    public static async Task<VerdictConsumer> StartAsync(Uri broker, IReadOnlyList<LoadOperator> operators, VerdictLedger ledger, CancellationToken cancellationToken)
    {
        var consumer = new VerdictConsumer();
        foreach (var op in operators)
        {
            var connection = await ForumConnections.ConnectAsync(broker, op, "load-verdicts", cancellationToken);
            consumer._consumers.Add((connection, null!));
            _ = consumer.ConsumeWhenDeclaredAsync(consumer._consumers.Count - 1, connection, op.VerdictQueue, ledger, cancellationToken);
        }

        return consumer;
    }

    private async Task ConsumeWhenDeclaredAsync(int index, IConnection connection, string queue, VerdictLedger ledger, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            try
            {
                await channel.QueueDeclarePassiveAsync(queue, cancellationToken);
            }
            catch (OperationInterruptedException)
            {
                await channel.DisposeAsync();
                await Task.Delay(100, cancellationToken);
                continue;
            }

            await channel.BasicQosAsync(0, 1_000, false, cancellationToken);
            var consumer = new AsyncEventingBasicConsumer(channel);
            consumer.ReceivedAsync += async (_, delivery) =>
            {
                ledger.Receive(delivery.Body.Span);
                await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, CancellationToken.None);
            };
            await channel.BasicConsumeAsync(queue, autoAck: false, consumer, cancellationToken);
            _consumers[index] = (connection, channel);
            return;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (connection, channel) in _consumers)
        {
            if (channel is not null)
            {
                await channel.DisposeAsync();
            }

            await connection.DisposeAsync();
        }
    }
}
