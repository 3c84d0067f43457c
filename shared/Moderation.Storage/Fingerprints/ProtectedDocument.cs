namespace Moderation.Storage.Fingerprints;

/// <summary>
/// A protected document as stored: the officer's labels, how its fingerprint was computed, its
/// SimHash and winnowed hashes (64-bit values stored as signed <c>bigint</c>). Never its text.
/// </summary>
public sealed record ProtectedDocument
{
    public required string DocumentId { get; init; }

    public string? Title { get; init; }

    /// <summary>The registering department's area (GB/T 2260), or null for a central registration.</summary>
    public string? DivisionCode { get; init; }

    /// <summary>The fingerprint parameters as JSON (k, window, normaliser, key id...).</summary>
    public required string ParametersJson { get; init; }

    public long SimHash { get; init; }

    /// <summary>The distinct winnowed hashes.</summary>
    public required IReadOnlyList<long> Hashes { get; init; }

    public required string RegisteredBy { get; init; }

    /// <summary>Set by the repository when the document is registered.</summary>
    public DateTimeOffset RegisteredAt { get; init; }
}
