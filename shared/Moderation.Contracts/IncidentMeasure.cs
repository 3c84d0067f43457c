namespace Moderation.Contracts;

/// <summary>A measure taken on an incident: <c>Removed</c>, <c>Reported</c>, <c>Acknowledged</c>, <c>Purged</c>, …</summary>
public sealed record IncidentMeasure
{
    public required string Kind { get; init; }

    public string? Detail { get; init; }

    public required string TakenBy { get; init; }

    public DateTimeOffset TakenAt { get; init; }
}
