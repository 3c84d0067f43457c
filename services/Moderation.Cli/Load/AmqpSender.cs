using RabbitMQ.Client;

namespace Moderation.Cli.Load;

/// <summary>
/// Publishes as forums do: one connection per operator with its own broker user, plain JSON to the
/// PostSubmitted exchange with <c>user_id</c> set, persistent, publisher confirms on. Many publishes
/// are in flight on a channel at once; each completes when the broker confirms it.
/// </summary>
public sealed class AmqpSender : IPostSender
{
    public const string PostsExchange = "Moderation.Contracts:PostSubmitted";

    private readonly IReadOnlyList<(IConnection Connection, IChannel Channel, string User)> _forums;
    private AmqpSender(IReadOnlyList<(IConnection, IChannel, string)> forums) => _forums = forums;

    public static async Task<AmqpSender> ConnectAsync(Uri broker, IReadOnlyList<LoadOperator> operators, CancellationToken cancellationToken)
    {
        var forums = new List<(IConnection, IChannel, string)>();
        foreach (var op in operators)
        {
            var connection = await ForumConnections.ConnectAsync(broker, op, "load-publisher", cancellationToken);
            var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
            forums.Add((connection, channel, op.BrokerUser!));
        }

        return new AmqpSender(forums);
    }

    public async Task<SendFailure?> SendAsync(LoadPost post, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var (_, channel, user) = _forums[post.Operator];
        var properties = new BasicProperties
        {
            ContentType = "application/json",
            DeliveryMode = DeliveryModes.Persistent,
            MessageId = Guid.NewGuid().ToString(),
            UserId = user,
        };
        try
        {
            await channel.BasicPublishAsync(PostsExchange, "", mandatory: false, properties, body, cancellationToken);
            return null;
        }
        catch (Exception ex) when (ex is RabbitMQ.Client.Exceptions.RabbitMQClientException or RabbitMQ.Client.Exceptions.OperationInterruptedException or InvalidOperationException or IOException)
        {
            // A closed connection recovers by itself, and a nack or a lost confirm says nothing of the post: all worth another try.
            return new SendFailure($"publish of {post.Key} failed: {ex.Message}", Transient: true);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (connection, channel, _) in _forums)
        {
            await channel.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
