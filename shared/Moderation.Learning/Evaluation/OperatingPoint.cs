namespace Moderation.Learning.Evaluation;

/// <summary>The confusion matrix when every post scoring at or above <see cref="Threshold"/> is flagged.</summary>
public sealed record OperatingPoint(double Threshold, int TruePositives, int FalsePositives, int TrueNegatives, int FalseNegatives, int NearMissFlagged, int NearMisses)
{
    public double Precision => TruePositives + FalsePositives == 0 ? 1 : (double)TruePositives / (TruePositives + FalsePositives);

    public double Recall => TruePositives + FalseNegatives == 0 ? 0 : (double)TruePositives / (TruePositives + FalseNegatives);

    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    /// <summary>Share of all clean posts flagged.</summary>
    public double FalsePositiveRate => FalsePositives + TrueNegatives == 0 ? 0 : (double)FalsePositives / (FalsePositives + TrueNegatives);

    /// <summary>Share of the near-miss posts (clean text that looks like a leak) flagged.</summary>
    public double NearMissFalsePositiveRate => NearMisses == 0 ? 0 : (double)NearMissFlagged / NearMisses;
}
