namespace Moderation.Api.Fingerprints;

/// <summary>A registered protected document as the API shows it: labels and counts, never hashes or text.</summary>
public sealed record ProtectedDocumentView(
    string DocumentId,
    string? Title,
    string? DivisionCode,
    DateTimeOffset RegisteredAt,
    string RegisteredBy,
    int HashCount);
