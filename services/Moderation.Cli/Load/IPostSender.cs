namespace Moderation.Cli.Load;

/// <summary>One way into the system (AMQP like a forum, or HTTP ingest). Sends may overlap.</summary>
public interface IPostSender : IAsyncDisposable
{
    /// <summary>
    /// Sends one post once; null when it was accepted (confirmed by the broker, or 202 from the Api),
    /// otherwise why not. The run sends a post again after a transient failure, as a forum does.
    /// </summary>
    Task<SendFailure?> SendAsync(LoadPost post, ReadOnlyMemory<byte> body, CancellationToken cancellationToken);
}
