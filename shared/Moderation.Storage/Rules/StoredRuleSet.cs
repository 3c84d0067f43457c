namespace Moderation.Storage.Rules;

/// <summary>A rule set as imported: its source and its place in the activation history.</summary>
public sealed record StoredRuleSet
{
    public required string Version { get; init; }

    public required string SourceJson { get; init; }

    public required string Checksum { get; init; }

    public int RuleCount { get; init; }

    /// <summary><c>Imported</c>, <c>Active</c> or <c>Retired</c>.</summary>
    public required string Status { get; init; }

    public DateTimeOffset ImportedAt { get; init; }

    public required string ImportedBy { get; init; }

    public DateTimeOffset? ActivatedAt { get; init; }

    public string? ActivatedBy { get; init; }
}
