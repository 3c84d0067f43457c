using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Moderation.Detection.Fingerprints;
using Moderation.Storage.Fingerprints;

namespace Moderation.Fingerprints;

/// <summary>
/// Keeps this process's <see cref="LiveFingerprintIndex"/> complete. At start, before the consumers
/// run: subscribe to new registrations, then load every document from the mirror when it holds as
/// many as the database, otherwise from the database (and write them to the mirror, which was empty
/// or incomplete). Afterwards: apply each notification at once; reload after a reconnection; and
/// every <see cref="FingerprintOptions.ResyncInterval"/> compare counts with the database, which
/// catches a notification lost while Redis was away.
/// </summary>
public sealed class FingerprintIndexSync(
    LiveFingerprintIndex index,
    IFingerprintMirror mirror,
    FingerprintRepository repository,
    IOptions<FingerprintOptions> options,
    ILogger<FingerprintIndexSync> logger) : BackgroundService
{
    private readonly SemaphoreSlim _reloadRequested = new(0, 1);
    private bool _subscribed;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (index.Scheme.UsesDemoSecret)
        {
            logger.LogWarning("Fingerprints use the public demo secret: set Moderation:Fingerprints:Secret (and MODERATION_FINGERPRINT_SECRET for the CLI) before registering real documents");
        }

        await TrySubscribeAsync(cancellationToken);
        await SyncAsync(force: true, cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _reloadRequested.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            bool reload = await _reloadRequested.WaitAsync(options.Value.ResyncInterval, stoppingToken);
            try
            {
                await TrySubscribeAsync(stoppingToken);
                await SyncAsync(force: reload, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Fingerprint index resync failed; the current index stays in use and the next resync tries again");
            }
        }
    }

    /// <summary>Reloads when the index may have missed documents: forced, or fewer documents than the database holds.</summary>
    private async Task SyncAsync(bool force, CancellationToken cancellationToken)
    {
        int registered = await repository.CountAsync(cancellationToken);
        if (!force && index.Current.Count >= registered)
        {
            return;
        }

        IReadOnlyList<FingerprintDocument>? mirrored = mirror.IsShared ? await mirror.LoadAsync(cancellationToken) : null;
        if (mirrored is not null && mirrored.Count >= registered)
        {
            index.Replace(mirrored, "the Redis mirror");
            return;
        }

        IReadOnlyList<FingerprintDocument> documents = [.. (await repository.LoadAllAsync(cancellationToken)).Select(FingerprintRecords.FromStored)];
        index.Replace(documents, "the database");
        if (mirrored is not null)
        {
            try
            {
                await mirror.StoreAsync(documents, cancellationToken);
                logger.LogInformation("Fingerprint mirror held {Mirrored} of {Registered} document(s); rebuilt from the database", mirrored.Count, documents.Count);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Could not rebuild the fingerprint mirror; it is retried at the next resync");
            }
        }
    }

    private async Task TrySubscribeAsync(CancellationToken cancellationToken)
    {
        if (_subscribed || !mirror.IsShared)
        {
            return;
        }

        try
        {
            await mirror.SubscribeAsync(document => index.Apply(document), RequestReload, cancellationToken);
            _subscribed = true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Cannot subscribe to fingerprint registrations yet; new documents reach this process at the next resync until it can");
        }
    }

    private void RequestReload()
    {
        try
        {
            _reloadRequested.Release();
        }
        catch (SemaphoreFullException)
        {
            // A reload is already pending.
        }
    }
}
