using Moderation.Storage.Incidents;

namespace Moderation.Notifier.Purge;

/// <summary>
/// Art. 7: once an incident has been handed off (a notification delivered) or its purge time has
/// come, the post's text is erased from every table; fingerprints, masked excerpt and metadata stay.
/// </summary>
public sealed class TextPurger(IncidentRepository incidents, ILogger<TextPurger> logger)
{
    public const string Actor = "notifier";

    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var due = await incidents.DueForPurgeAsync(100, cancellationToken);
        foreach (var candidate in due)
        {
            await incidents.PurgeAsync(candidate, Actor, cancellationToken);
            logger.LogInformation("Text of post {BoardId}/{PostId} purged after incident {IncidentId} was handed off", candidate.BoardId, candidate.PostId, candidate.IncidentId);
        }

        return due.Count;
    }
}
