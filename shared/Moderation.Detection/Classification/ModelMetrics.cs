namespace Moderation.Detection.Classification;

/// <summary>The model's own figures on a held-out split, saved inside the model file.</summary>
public sealed record ModelMetrics(
    string Split,
    int Examples,
    double RocAuc,
    double HoldThreshold,
    double Precision,
    double Recall,
    double F1,
    double FalsePositiveRate,
    double RemoveThreshold,
    double RecallAtRemove,
    double FalsePositiveRateAtRemove);
