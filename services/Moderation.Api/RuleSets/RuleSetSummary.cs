namespace Moderation.Api.RuleSets;

/// <summary>A rule set without its source, as listed.</summary>
public sealed record RuleSetSummary(
    string Version,
    int RuleCount,
    string Status,
    DateTimeOffset ImportedAt,
    string ImportedBy,
    DateTimeOffset? ActivatedAt,
    string? ActivatedBy);
