namespace Moderation.Storage.Incidents;

/// <summary>
/// Everything needed to open an incident for one revision of a post, from the scan (a Remove
/// verdict) or from a moderator's Confirm decision. Carries no secret text (Art. 7).
/// </summary>
public sealed record IncidentOpening
{
    public required string BoardId { get; init; }

    public required string PostId { get; init; }

    public required int Revision { get; init; }

    public required long ScanId { get; init; }

    public required string DivisionCode { get; init; }

    public required double Score { get; init; }

    /// <summary>The text around the matches with everything but the matched markings masked.</summary>
    public required string MaskedExcerpt { get; init; }

    /// <summary>What the notifier delivers to the department.</summary>
    public required string NotificationPayloadJson { get; init; }

    public required DateTimeOffset DetectedAt { get; init; }

    /// <summary>Who opened it: <c>scanner</c> for the automatic path, else the moderator's name.</summary>
    public required string OpenedBy { get; init; }
}
