using Moderation.Detection.Classification;

namespace Moderation.Detection;

/// <summary>The outcome of scanning one post.</summary>
/// <param name="Score">Combined suspicion in [0, 1]; 0 when nothing fired.</param>
/// <param name="Findings">Every hit, ordered by field (title first) then start.</param>
/// <param name="RuleSetVersion">The rule set that produced the score, for audit and reproducibility.</param>
/// <param name="Model">The classifier's probability and version, when the scan used one; fused into <paramref name="Score"/>.</param>
/// <param name="Basis">Why a post is held or removed, in words for the verdict (what corroborates a removal, or why a removal was held); null when published.</param>
public sealed record ScanResult(double Score, Decision Decision, IReadOnlyList<Finding> Findings, string RuleSetVersion, ModelScore? Model = null, string? Basis = null)
{
    /// <summary>The rule id and category under which <see cref="Basis"/> appears among a verdict's reasons.</summary>
    public const string BasisRule = "decision";
}
