namespace Moderation.Storage.Incidents;

/// <summary>An incident as officers see it. Never the post's text: the masked excerpt only.</summary>
public sealed record IncidentSummary
{
    public long IncidentId { get; init; }

    public required string BoardId { get; init; }

    public string? BoardName { get; init; }

    public required string PostId { get; init; }

    public int Revision { get; init; }

    public required string DivisionCode { get; init; }

    public string? DepartmentId { get; init; }

    public string? OperatorId { get; init; }

    public string? OpenedBy { get; init; }

    public double Score { get; init; }

    public required string MaskedExcerpt { get; init; }

    public required string Status { get; init; }

    public DateTimeOffset DetectedAt { get; init; }

    public DateTimeOffset? AcknowledgedAt { get; init; }

    public string? AcknowledgedBy { get; init; }

    public DateTimeOffset? PurgedAt { get; init; }

    public string? RulesJson { get; init; }

    public string? FingerprintsJson { get; init; }
}
