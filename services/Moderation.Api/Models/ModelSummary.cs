namespace Moderation.Api.Models;

/// <summary>A registered model: version, figures on the held-out split, and where it stands.</summary>
public sealed record ModelSummary(
    string Version,
    string Status,
    string Sha256,
    int SizeBytes,
    string Recipe,
    string DataHash,
    int TrainingExamples,
    double? RocAuc,
    double? RecallAtHold,
    double? FalsePositiveRateAtHold,
    DateTimeOffset? ImportedAt,
    string ImportedBy,
    DateTimeOffset? ActivatedAt,
    string? ActivatedBy);
