namespace Moderation.Verdicts.Incidents;

/// <summary>Who opens an incident, from what, and what was done at once.</summary>
/// <param name="Source"><c>Scan</c> (a Remove verdict) or <c>Review</c> (a moderator's Confirm).</param>
/// <param name="OpenedBy">The scanner, or the moderator who confirmed.</param>
/// <param name="RemovalDetail">Recorded as the <c>Removed</c> measure.</param>
public sealed record IncidentOrigin(string Source, string OpenedBy, string RemovalDetail)
{
    public const string ScanSource = "Scan";

    public const string ReviewSource = "Review";

    public long ScanId { get; init; }

    public long? ReviewCaseId { get; init; }

    /// <summary>The protected document the confirmed post is registered as, when it is.</summary>
    public string? RegisteredDocumentId { get; init; }
}
