using Moderation.Contracts;

namespace Moderation.Verdicts.Incidents;

/// <summary>
/// Everything needed to open an incident, from a Remove verdict or a moderator's Confirm. Carries no
/// secret text (Art. 7): the masked excerpt, rules, model figures and fingerprints only.
/// </summary>
public sealed record IncidentOpening
{
    public required string BoardId { get; init; }

    public required string PostId { get; init; }

    public int Revision { get; init; }

    public long ScanId { get; init; }

    public long? ReviewCaseId { get; init; }

    /// <summary><c>Scan</c> or <c>Review</c>.</summary>
    public required string Source { get; init; }

    /// <summary>Who opened it: the scanner, or the moderator who confirmed.</summary>
    public required string OpenedBy { get; init; }

    public double Score { get; init; }

    public required string MaskedExcerpt { get; init; }

    public IReadOnlyList<IncidentRule> Rules { get; init; } = [];

    public string? ModelVersion { get; init; }

    public double? ModelProbability { get; init; }

    public IReadOnlyList<string> Fingerprints { get; init; } = [];

    /// <summary>When the material was found (the scan, or the confirming decision).</summary>
    public required DateTimeOffset DetectedAt { get; init; }

    /// <summary>What was done at once, recorded as the <c>Removed</c> measure.</summary>
    public required string RemovalDetail { get; init; }

    /// <summary>The post's text is purged after hand-off, and at the latest this long after detection.</summary>
    public TimeSpan PurgeTextAfter { get; init; } = TimeSpan.FromHours(24);
}
