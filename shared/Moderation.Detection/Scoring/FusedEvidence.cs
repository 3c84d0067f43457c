namespace Moderation.Detection.Scoring;

/// <summary>What the rule and fingerprint evidence of one post adds up to.</summary>
/// <param name="Score">Noisy-OR of the counted evidence, after counter-evidence.</param>
/// <param name="Discount">How much counter-evidence lowers the model and every non-corroborating piece of evidence, in [0, 1).</param>
/// <param name="Corroboration">What would justify removal, in words (a marking, a fingerprint, two independent categories); null when nothing does.</param>
internal readonly record struct FusedEvidence(double Score, IReadOnlyList<Finding> Findings, double Discount, string? Corroboration)
{
    public static FusedEvidence None { get; } = new(0, [], 0, null);
}
