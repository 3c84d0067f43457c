namespace Moderation.Contracts;

/// <summary>A rule that fired on the reported post.</summary>
public sealed record IncidentRule
{
    public required string Rule { get; init; }

    public required string Category { get; init; }

    public double Weight { get; init; }

    public string? Description { get; init; }
}
