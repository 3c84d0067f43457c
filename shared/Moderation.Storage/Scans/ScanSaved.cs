namespace Moderation.Storage.Scans;

/// <summary>
/// The outcome of saving a scan. <see cref="Created"/> is false when the revision had already been
/// scanned (a redelivery): nothing was written and nothing must be sent.
/// </summary>
public sealed record ScanSaved(bool Created, long? ScanId, long? VerdictOutboxId, long? ReviewCaseId, long? IncidentId)
{
    public static ScanSaved AlreadyScanned { get; } = new(false, null, null, null, null);
}
