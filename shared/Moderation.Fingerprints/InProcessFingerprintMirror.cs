using Moderation.Detection.Fingerprints;

namespace Moderation.Fingerprints;

/// <summary>
/// No Redis (standalone, or one scanner): nothing to share. The registering process updates its own
/// index; other processes pick documents up from the database at their next resync.
/// </summary>
public sealed class InProcessFingerprintMirror : IFingerprintMirror
{
    public bool IsShared => false;

    public Task PublishAsync(FingerprintDocument document, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<IReadOnlyList<FingerprintDocument>?> LoadAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<FingerprintDocument>?>(null);

    public Task StoreAsync(IReadOnlyList<FingerprintDocument> documents, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task SubscribeAsync(Action<FingerprintDocument> registered, Action reconnected, CancellationToken cancellationToken) => Task.CompletedTask;
}
