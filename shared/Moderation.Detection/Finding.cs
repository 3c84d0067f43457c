namespace Moderation.Detection;

/// <summary>
/// One rule hit. <see cref="Start"/> and <see cref="Length"/> are UTF-16 offsets into the original
/// (un-normalised) text of <see cref="Field"/>, so a reviewer sees exactly the characters that matched,
/// including any noise the normaliser removed from between them.
/// </summary>
/// <param name="Weight">The weight the hit carried, after any context adjustment of the rule.</param>
/// <param name="Context">When a nearby hit changed the weight: which rule, where, and from what to what.</param>
/// <param name="Similarity">For a fingerprint finding: how much of the protected document the post contains, in [0, 1].</param>
public sealed record Finding(
    string RuleId,
    string Category,
    TextField Field,
    int Start,
    int Length,
    double Weight,
    string Description,
    string? Context = null,
    double? Similarity = null);
