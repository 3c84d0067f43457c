namespace Moderation.Storage.Models;

/// <summary>A model as registered: its figures and its place in the activation history (without the file).</summary>
public sealed record StoredModel
{
    public required string Version { get; init; }

    /// <summary>SHA-256 of the model file, hex.</summary>
    public required string Sha256 { get; init; }

    public int SizeBytes { get; init; }

    public required string Recipe { get; init; }

    public required string DataHash { get; init; }

    public int TrainingExamples { get; init; }

    /// <summary>The model file's own metadata (version, recipe, trainer, test figures) as JSON.</summary>
    public required string MetadataJson { get; init; }

    public double? RocAuc { get; init; }

    public double? RecallAtHold { get; init; }

    public double? FprAtHold { get; init; }

    /// <summary><c>Imported</c>, <c>Active</c> or <c>Retired</c>.</summary>
    public required string Status { get; init; }

    public DateTimeOffset ImportedAt { get; init; }

    public required string ImportedBy { get; init; }

    public DateTimeOffset? ActivatedAt { get; init; }

    public string? ActivatedBy { get; init; }
}
