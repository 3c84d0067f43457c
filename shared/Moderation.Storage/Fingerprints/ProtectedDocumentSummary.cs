namespace Moderation.Storage.Fingerprints;

/// <summary>A registered protected document without its hashes, for listings.</summary>
public sealed record ProtectedDocumentSummary
{
    public required string DocumentId { get; init; }

    public string? Title { get; init; }

    public string? DivisionCode { get; init; }

    public required string RegisteredBy { get; init; }

    public DateTimeOffset RegisteredAt { get; init; }

    public int HashCount { get; init; }
}
