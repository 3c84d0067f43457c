using Moderation.Detection.Fingerprints;

namespace Moderation.Fingerprints;

/// <summary>
/// Where registered documents travel to every scanner at once. Only rebuildable data lives there: the
/// database stays the system of record, and every operation may fail without losing anything.
/// </summary>
public interface IFingerprintMirror
{
    /// <summary>False for the in-process mirror: nothing travels, the registering process updates its own index.</summary>
    bool IsShared { get; }

    /// <summary>Adds a newly registered document to the mirror and tells every subscriber.</summary>
    Task PublishAsync(FingerprintDocument document, CancellationToken cancellationToken);

    /// <summary>Every document in the mirror; null when the mirror is unavailable.</summary>
    Task<IReadOnlyList<FingerprintDocument>?> LoadAsync(CancellationToken cancellationToken);

    /// <summary>Writes the documents into the mirror (after it was found empty or incomplete).</summary>
    Task StoreAsync(IReadOnlyList<FingerprintDocument> documents, CancellationToken cancellationToken);

    /// <summary>
    /// Calls <paramref name="registered"/> for each document published from now on, and
    /// <paramref name="reconnected"/> after the connection came back (notifications may have been missed).
    /// </summary>
    Task SubscribeAsync(Action<FingerprintDocument> registered, Action reconnected, CancellationToken cancellationToken);
}
