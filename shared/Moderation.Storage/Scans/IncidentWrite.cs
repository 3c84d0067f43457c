namespace Moderation.Storage.Scans;

/// <summary>An incident to open with its department notification. Carries no secret text (Art. 7).</summary>
public sealed record IncidentWrite
{
    public required string DivisionCode { get; init; }

    /// <summary>The text around the matches with everything but the matched markings masked.</summary>
    public required string MaskedExcerpt { get; init; }

    /// <summary>What the notifier delivers to the department.</summary>
    public required string NotificationPayloadJson { get; init; }
}
