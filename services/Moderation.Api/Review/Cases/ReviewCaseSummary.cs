namespace Moderation.Api.Review.Cases;

/// <summary>A case as the queue lists it: enough to sort, filter and pick, with a short excerpt.</summary>
public sealed record ReviewCaseSummary
{
    public long CaseId { get; init; }

    public required string BoardId { get; init; }

    public required string BoardName { get; init; }

    public required string DivisionCode { get; init; }

    public required string PostId { get; init; }

    public int Revision { get; init; }

    public required string Kind { get; init; }

    public string? Category { get; init; }

    public double Score { get; init; }

    public required string Status { get; init; }

    /// <summary>The fencing version: every claim and decision increments it.</summary>
    public int Version { get; init; }

    public DateTimeOffset OpenedAt { get; init; }

    public DateTimeOffset DueAt { get; init; }

    public string? ClaimedBy { get; init; }

    public DateTimeOffset? ClaimExpiresAt { get; init; }

    public string? DecidedBy { get; init; }

    public DateTimeOffset? DecidedAt { get; init; }

    /// <summary>The start of the title (null when purged or absent).</summary>
    public string? Title { get; init; }

    /// <summary>The start of the body (null when purged).</summary>
    public string? Excerpt { get; init; }

    /// <summary>Whether someone holds an unexpired claim at <paramref name="now"/>.</summary>
    public bool IsClaimedAt(DateTimeOffset now) => ClaimedBy is not null && ClaimExpiresAt > now;
}
