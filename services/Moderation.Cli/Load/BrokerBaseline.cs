using System.Diagnostics;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Moderation.Cli.Load;

/// <summary>What the bare broker did with the same messages: how many, how long, how many a second.</summary>
public sealed record BaselineResult(int Messages, double Seconds, double PerSecond, string Queue);

/// <summary>
/// The yardstick for the pipeline: the same message bodies, published with confirms (persistent, the
/// same number in flight) to a quorum queue of its own, and consumed with acknowledgements, as the
/// scanner's queue is, but with nothing done with them. The queue is deleted afterwards.
/// </summary>
public static class BrokerBaseline
{
    public static async Task<BaselineResult> RunAsync(Uri broker, IReadOnlyList<ReadOnlyMemory<byte>> bodies, int inFlight, string runId, CancellationToken cancellationToken)
    {
        var queue = $"moderation.load-baseline.{runId}";
        var factory = new ConnectionFactory { Uri = broker, ClientProvidedName = "moderation-load-baseline" };
        await using var connection = await factory.CreateConnectionAsync(cancellationToken);
        await using var publisher = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
        await publisher.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false,
            new Dictionary<string, object?> { ["x-queue-type"] = "quorum" }, cancellationToken: cancellationToken);
        await using var consumerConnection = await factory.CreateConnectionAsync(cancellationToken);
        await using var consuming = await consumerConnection.CreateChannelAsync(cancellationToken: cancellationToken);
        try
        {
            await consuming.BasicQosAsync(0, 1_000, false, cancellationToken);
            var received = 0;
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var consumer = new AsyncEventingBasicConsumer(consuming);
            consumer.ReceivedAsync += async (_, delivery) =>
            {
                await consuming.BasicAckAsync(delivery.DeliveryTag, multiple: false, CancellationToken.None);
                if (Interlocked.Increment(ref received) == bodies.Count)
                {
                    done.TrySetResult();
                }
            };
            await consuming.BasicConsumeAsync(queue, autoAck: false, consumer, cancellationToken);

            var started = Stopwatch.GetTimestamp();
            using var window = new SemaphoreSlim(inFlight);
            var pending = new List<Task>(bodies.Count);
            foreach (var body in bodies)
            {
                await window.WaitAsync(cancellationToken);
                pending.Add(PublishAsync(publisher, queue, body, window, cancellationToken));
            }

            await Task.WhenAll(pending);
            if (bodies.Count > 0)
            {
                await done.Task.WaitAsync(TimeSpan.FromMinutes(5), cancellationToken);
            }

            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            return new BaselineResult(bodies.Count, Math.Round(seconds, 3), Math.Round(bodies.Count / Math.Max(seconds, 1e-9), 1), queue);
        }
        finally
        {
            await publisher.QueueDeleteAsync(queue, cancellationToken: CancellationToken.None);
        }
    }

    private static async Task PublishAsync(IChannel channel, string queue, ReadOnlyMemory<byte> body, SemaphoreSlim window, CancellationToken cancellationToken)
    {
        try
        {
            var properties = new BasicProperties { ContentType = "application/json", DeliveryMode = DeliveryModes.Persistent, MessageId = Guid.NewGuid().ToString() };
            await channel.BasicPublishAsync("", queue, mandatory: false, properties, body, cancellationToken);
        }
        finally
        {
            window.Release();
        }
    }
}
