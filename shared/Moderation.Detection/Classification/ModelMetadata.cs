namespace Moderation.Detection.Classification;

/// <summary>
/// What a model file says about itself (<c>moderation/metadata.json</c> inside the zip). Nothing here
/// depends on when or where it was trained, so the same corpus and recipe give the same bytes.
/// </summary>
/// <param name="Version">Derived from the recipe and the training data: equal versions are equal models.</param>
/// <param name="DataHash">SHA-256 of the training examples as corpus JSONL.</param>
/// <param name="Metrics">The model alone on the corpus's test split, when it had one.</param>
public sealed record ModelMetadata(
    int Format,
    string Version,
    string Recipe,
    string DataHash,
    int TrainingExamples,
    int SecretExamples,
    FeatureSettings Features,
    string Trainer,
    string MlNetVersion,
    ModelMetrics? Metrics)
{
    public const int CurrentFormat = 2;
}
