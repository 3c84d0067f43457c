namespace Moderation.Contracts;

/// <summary>Internal event: a post was removed as near-certainly secret; the department must be told (Art. 16).</summary>
public sealed record IncidentOpened
{
    public long IncidentId { get; init; }

    public required string BoardId { get; init; }

    public required string PostId { get; init; }

    public int Revision { get; init; }

    public double Score { get; init; }

    public required string DivisionCode { get; init; }

    public DateTimeOffset DetectedAt { get; init; }
}
