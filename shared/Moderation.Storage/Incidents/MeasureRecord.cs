namespace Moderation.Storage.Incidents;

/// <summary>One measure recorded on an incident.</summary>
public sealed record MeasureRecord
{
    public long MeasureId { get; init; }

    public long IncidentId { get; init; }

    public required string Kind { get; init; }

    public string? Detail { get; init; }

    public required string TakenBy { get; init; }

    public DateTimeOffset TakenAt { get; init; }
}
