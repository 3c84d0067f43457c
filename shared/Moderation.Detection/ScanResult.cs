using Moderation.Detection.Classification;

namespace Moderation.Detection;

/// <summary>The outcome of scanning one post.</summary>
/// <param name="Score">Combined suspicion in [0, 1]; 0 when nothing fired.</param>
/// <param name="Findings">Every hit, ordered by field (title first) then start.</param>
/// <param name="RuleSetVersion">The rule set that produced the score, for audit and reproducibility.</param>
/// <param name="Model">The classifier's probability and version, when the scan used one; fused into <paramref name="Score"/>.</param>
public sealed record ScanResult(double Score, Decision Decision, IReadOnlyList<Finding> Findings, string RuleSetVersion, ModelScore? Model = null);
