using Microsoft.Extensions.Logging;
using Moderation.Detection.Fingerprints;
using Moderation.Hosting.Redis;
using StackExchange.Redis;

namespace Moderation.Fingerprints;

/// <summary>
/// The mirror in Redis: a hash <c>&lt;prefix&gt;:documents</c> (document id → compact fingerprint
/// file) that any scanner can load at start, and a channel <c>&lt;prefix&gt;:registered</c> on which
/// each new document is published, so every subscribed scanner adds it within milliseconds.
/// Pub/sub delivers at most once; a scanner that was disconnected reloads when the connection comes
/// back, and a periodic count check catches anything else (<see cref="FingerprintIndexSync"/>).
/// </summary>
public sealed class RedisFingerprintMirror(string configuration, string prefix, ILogger<RedisFingerprintMirror> logger) : IFingerprintMirror, IAsyncDisposable
{
    private readonly LazyRedisConnection _redis = new(configuration);

    public bool IsShared => true;

    public string DocumentsKey => $"{prefix}:documents";

    public string Channel => $"{prefix}:registered";

    public async Task PublishAsync(FingerprintDocument document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        string json = FingerprintFile.Write(document, indented: false);
        IDatabase database = (await ConnectAsync(cancellationToken)).GetDatabase();
        // The hash first: a scanner that reloads because of the notification finds the document there.
        await database.HashSetAsync(DocumentsKey, document.DocumentId, json);
        long receivers = await database.PublishAsync(RedisChannel.Literal(Channel), json);
        logger.LogInformation("Published protected document {DocumentId} to {Receivers} subscriber(s)", document.DocumentId, receivers);
    }

    public async Task<IReadOnlyList<FingerprintDocument>?> LoadAsync(CancellationToken cancellationToken)
    {
        try
        {
            IDatabase database = (await ConnectAsync(cancellationToken)).GetDatabase();
            HashEntry[] entries = await database.HashGetAllAsync(DocumentsKey);
            var documents = new List<FingerprintDocument>(entries.Length);
            foreach (HashEntry entry in entries)
            {
                try
                {
                    documents.Add(FingerprintFile.Parse(entry.Value.ToString()));
                }
                catch (FingerprintFileException ex)
                {
                    logger.LogWarning("Fingerprint mirror entry {DocumentId} is unreadable and was skipped: {Problem}", entry.Name.ToString(), ex.Message);
                }
            }

            return documents;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning(ex, "Fingerprint mirror in Redis is unavailable");
            return null;
        }
    }

    public async Task StoreAsync(IReadOnlyList<FingerprintDocument> documents, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(documents);
        if (documents.Count == 0)
        {
            return;
        }

        IDatabase database = (await ConnectAsync(cancellationToken)).GetDatabase();
        HashEntry[] entries = [.. documents.Select(d => new HashEntry(d.DocumentId, FingerprintFile.Write(d, indented: false)))];
        await database.HashSetAsync(DocumentsKey, entries);
    }

    public async Task SubscribeAsync(Action<FingerprintDocument> registered, Action reconnected, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registered);
        ArgumentNullException.ThrowIfNull(reconnected);
        ConnectionMultiplexer connection = await ConnectAsync(cancellationToken);
        ChannelMessageQueue queue = await connection.GetSubscriber().SubscribeAsync(RedisChannel.Literal(Channel));
        // The multiplexer subscribes again by itself after an outage; what was published meanwhile is lost.
        connection.ConnectionRestored += (_, e) =>
        {
            if (e.ConnectionType == ConnectionType.Subscription)
            {
                reconnected();
            }
        };
        // One message at a time, in order: each builds the next snapshot from the previous one.
        queue.OnMessage(message =>
        {
            FingerprintDocument document;
            try
            {
                document = FingerprintFile.Parse(message.Message.ToString());
            }
            catch (FingerprintFileException ex)
            {
                logger.LogWarning("Unreadable fingerprint notification ignored; reloading instead: {Problem}", ex.Message);
                reconnected();
                return;
            }

            registered(document);
        });
    }

    public ValueTask DisposeAsync() => _redis.DisposeAsync();

    /// <summary>One connection for the process, opened on first use; it reconnects by itself after an outage.</summary>
    private Task<ConnectionMultiplexer> ConnectAsync(CancellationToken cancellationToken) => _redis.GetAsync(cancellationToken);
}
