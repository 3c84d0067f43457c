namespace Moderation.Storage.Review;

/// <summary>
/// One post of a review case (its first post, or a repost that joined its group), with the evidence
/// kept for the moderator until the case is decided.
/// </summary>
public sealed record CasePost
{
    public long CaseId { get; init; }

    public required string BoardId { get; init; }

    public required string PostId { get; init; }

    public int Revision { get; init; }

    public long ScanId { get; init; }

    /// <summary>The scan's verdict on this post: Hold or Remove.</summary>
    public required string Action { get; init; }

    public required string AuthorId { get; init; }

    /// <summary>Null when the post had none, or once the case is decided.</summary>
    public string? Title { get; init; }

    /// <summary>The masked excerpt around the matches; null for cases opened before it was kept, or once decided.</summary>
    public string? MaskedExcerpt { get; init; }

    /// <summary>The matched categories, strongest first, comma-separated.</summary>
    public string Categories { get; init; } = "";

    /// <summary>The post's SimHash (as stored: the 64 bits in a signed integer); null when too short to fingerprint.</summary>
    public long? SimHash { get; init; }

    /// <summary>The post's fingerprint file (compact <c>FingerprintFile</c> JSON) computed at scan time.</summary>
    public string? FingerprintJson { get; init; }

    public DateTimeOffset JoinedAt { get; init; }

    /// <summary>The post's own scan (read with the case, not stored here): its score, reasons and rule set, for its verdict.</summary>
    public double ScanScore { get; init; }

    public string ReasonsJson { get; init; } = "[]";

    public string RuleSetVersion { get; init; } = "";

    public IReadOnlyList<string> CategoryList => Categories.Length == 0 ? [] : Categories.Split(',');

    /// <summary>The SimHash as a fingerprint names it (<c>post-simhash:…</c>), or null.</summary>
    public string? SimHashText => SimHash is { } hash ? Moderation.Verdicts.Incidents.PostFingerprint.SimHashPrefix + unchecked((ulong)hash).ToString("x16", System.Globalization.CultureInfo.InvariantCulture) : null;
}
