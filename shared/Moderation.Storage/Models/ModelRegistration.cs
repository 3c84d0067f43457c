namespace Moderation.Storage.Models;

/// <summary>What <see cref="ModelRepository.ImportAsync"/> stores about a model file besides its bytes.</summary>
public sealed record ModelRegistration(
    string Version,
    string Recipe,
    string DataHash,
    int TrainingExamples,
    string MetadataJson,
    double? RocAuc,
    double? RecallAtHold,
    double? FprAtHold);
