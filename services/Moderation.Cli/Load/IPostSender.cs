namespace Moderation.Cli.Load;

/// <summary>One way into the system (AMQP like a forum, or HTTP ingest). Sends may overlap; each records its outcome in the ledger.</summary>
public interface IPostSender : IAsyncDisposable
{
    /// <summary>Sends one post; returns once it is accepted (confirmed by the broker, or 202 from the Api) or has failed.</summary>
    Task SendAsync(LoadPost post, ReadOnlyMemory<byte> body, CancellationToken cancellationToken);
}
