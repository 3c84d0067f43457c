using System.Text;
using System.Text.Json;
using Moderation.Contracts;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Moderation.Integration.Tests.Support;

/// <summary>
/// A forum as operators integrate it: its own RabbitMQ user, plain JSON to the PostSubmitted
/// exchange with <c>user_id</c> set, publisher confirms on, verdicts read from its own queue.
/// Deliberately uses RabbitMQ.Client rather than MassTransit, as a forum would.
/// </summary>
public sealed class ForumClient : IAsyncDisposable
{
    public const string PostsExchange = "Moderation.Contracts:PostSubmitted";

    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private readonly string _user;

    private ForumClient(IConnection connection, IChannel channel, string user)
    {
        _connection = connection;
        _channel = channel;
        _user = user;
    }

    /// <param name="amqpUrl">The forum's AMQP URL.</param>
    /// <param name="otherNodes">
    /// The other nodes of a cluster (<c>host:port</c>, same user and virtual host): the client connects to
    /// any that answers and, when its node goes down, recovers the connection on another within a second.
    /// </param>
    public static async Task<ForumClient> ConnectAsync(string amqpUrl, IReadOnlyList<string>? otherNodes = null)
    {
        var factory = new ConnectionFactory { Uri = new Uri(amqpUrl), ClientProvidedName = "forum-client-test" };
        IConnection connection;
        if (otherNodes is { Count: > 0 })
        {
            factory.NetworkRecoveryInterval = TimeSpan.FromSeconds(1);
            var endpoints = otherNodes.Select(AmqpTcpEndpoint.Parse).Prepend(new AmqpTcpEndpoint(factory.HostName, factory.Port)).ToList();
            connection = await factory.CreateConnectionAsync(endpoints);
        }
        else
        {
            connection = await factory.CreateConnectionAsync();
        }

        var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        return new ForumClient(connection, channel, factory.UserName);
    }

    public Task PublishAsync(PostSubmitted post, string? messageId = null) =>
        PublishRawAsync(JsonSerializer.SerializeToUtf8Bytes(post, WireFormat.Options), messageId);

    /// <summary>
    /// Publishes a post as a forum does when its broker may go away under it: until the broker confirms
    /// it, again with the same message id after a lost connection or a refusal (so the post may arrive
    /// twice, which the scanner absorbs). Returns how many attempts it took.
    /// </summary>
    public async Task<int> PublishUntilConfirmedAsync(PostSubmitted post, TimeSpan within)
    {
        var messageId = Guid.NewGuid().ToString();
        var deadline = DateTime.UtcNow + within;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // A confirm that never comes (its node went down with it) is given up on, not waited for.
                using var confirm = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await PublishToAsync(PostsExchange, JsonSerializer.SerializeToUtf8Bytes(post, WireFormat.Options), messageId, cancellationToken: confirm.Token);
                return attempt;
            }
            catch (Exception ex) when (ex is AlreadyClosedException or OperationInterruptedException or PublishException or IOException
                or ObjectDisposedException or OperationCanceledException && DateTime.UtcNow < deadline)
            {
                // The connection is being recovered on another node.
                await Task.Delay(200);
            }
        }
    }

    /// <summary>Publishes bytes as they are; returns once the broker has confirmed them.</summary>
    public Task PublishRawAsync(byte[] body, string? messageId = null, string? userId = null) => PublishToAsync(PostsExchange, body, messageId, userId);

    /// <summary>Publishes plain JSON to a contract's exchange (e.g. <c>Moderation.Contracts:TakedownCompleted</c>), confirmed.</summary>
    public async Task PublishToAsync(string exchange, byte[] body, string? messageId = null, string? userId = null, CancellationToken cancellationToken = default)
    {
        var properties = new BasicProperties
        {
            ContentType = "application/json",
            DeliveryMode = DeliveryModes.Persistent,
            MessageId = messageId ?? Guid.NewGuid().ToString(),
            UserId = userId ?? _user,
        };
        await _channel.BasicPublishAsync(exchange, "", mandatory: false, properties, body, cancellationToken);
    }

    /// <summary>
    /// Reads messages from a queue until <paramref name="until"/> says enough, or the time is up.
    /// The queue appears when the first message is sent to it.
    /// </summary>
    public async Task<List<JsonElement>> ReadAsync(string queue, Func<List<JsonElement>, bool> until, TimeSpan timeout)
    {
        var received = new List<JsonElement>();
        var deadline = DateTime.UtcNow + timeout;
        await using var channel = await WaitForQueueAsync(queue, deadline);
        while (DateTime.UtcNow < deadline && !until(received))
        {
            var message = channel is null ? null : await channel.BasicGetAsync(queue, autoAck: true);
            if (message is null)
            {
                await Task.Delay(50);
                continue;
            }

            using var document = JsonDocument.Parse(message.Body);
            received.Add(document.RootElement.Clone());
        }

        return received;
    }

    /// <summary>Takes one message from a queue on a channel of its own; the broker's refusal is thrown as it comes.</summary>
    public async Task<BasicGetResult?> GetOneAsync(string queue)
    {
        await using var channel = await _connection.CreateChannelAsync();
        return await channel.BasicGetAsync(queue, autoAck: true);
    }

    /// <summary>Whether the broker still keeps this forum's connection open.</summary>
    public bool IsOpen => _connection.IsOpen;

    /// <summary>How many messages wait in a queue (0 when it does not exist).</summary>
    public async Task<uint> CountAsync(string queue)
    {
        await using var channel = await _connection.CreateChannelAsync();
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
        }
        catch (OperationInterruptedException)
        {
            return 0;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }

    private async Task<IChannel?> WaitForQueueAsync(string queue, DateTime deadline)
    {
        while (DateTime.UtcNow < deadline)
        {
            var channel = await _connection.CreateChannelAsync();
            try
            {
                await channel.QueueDeclarePassiveAsync(queue);
                return channel;
            }
            catch (OperationInterruptedException)
            {
                await channel.DisposeAsync();
                await Task.Delay(100);
            }
        }

        return null;
    }

    public static string Text(JsonElement message, string property) =>
        message.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";

    public static string Describe(IEnumerable<JsonElement> messages) =>
        new StringBuilder().AppendJoin('\n', messages.Take(5).Select(m => m.GetRawText())).ToString();
}
