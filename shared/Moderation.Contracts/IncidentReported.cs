namespace Moderation.Contracts;

/// <summary>
/// The report a security department receives when secret material was found on a board in its area
/// (Art. 16), by signed webhook, e-mail or on its own queue. Never carries the post's text (Art. 7):
/// only a masked excerpt, the rules that fired and fingerprints. <see cref="DeliveryId"/> is the same
/// on every retry of one delivery: receivers dedupe on it.
/// </summary>
public sealed record IncidentReported
{
    public required string DeliveryId { get; init; }

    public long IncidentId { get; init; }

    /// <summary><c>Scan</c> (removed by the automatic scan) or <c>Review</c> (confirmed by a moderator).</summary>
    public required string Source { get; init; }

    public required string BoardId { get; init; }

    public string? BoardName { get; init; }

    /// <summary>The forum operator: the organiser responsible for the board.</summary>
    public string? OperatorId { get; init; }

    public string? OperatorName { get; init; }

    public required string PostId { get; init; }

    public int Revision { get; init; }

    /// <summary>The board's GB/T 2260 division code.</summary>
    public required string DivisionCode { get; init; }

    public string? DepartmentId { get; init; }

    public double Score { get; init; }

    public IReadOnlyList<IncidentRule> Rules { get; init; } = [];

    /// <summary>The model's part in the decision, when a model scored the post.</summary>
    public string? ModelVersion { get; init; }

    public double? ModelProbability { get; init; }

    /// <summary>The matched text's markings readable, every other letter masked.</summary>
    public required string MaskedExcerpt { get; init; }

    /// <summary>Protected documents matched (<c>fingerprint:&lt;id&gt;</c>, <c>simhash:&lt;id&gt;</c>) and the post's own keyed SimHash.</summary>
    public IReadOnlyList<string> Fingerprints { get; init; } = [];

    public DateTimeOffset DetectedAt { get; init; }

    public IReadOnlyList<IncidentMeasure> MeasuresTaken { get; init; } = [];
}
