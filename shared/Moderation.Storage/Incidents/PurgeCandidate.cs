namespace Moderation.Storage.Incidents;

/// <summary>An incident whose post's text is due to be purged.</summary>
public sealed record PurgeCandidate
{
    public long IncidentId { get; init; }

    public required string BoardId { get; init; }

    public required string PostId { get; init; }

    public int Revision { get; init; }
}
