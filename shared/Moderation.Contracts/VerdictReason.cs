namespace Moderation.Contracts;

/// <summary>
/// One reason behind a verdict: the rule that fired and where, in the post as the forum sent it.
/// <see cref="Start"/> and <see cref="Length"/> count UTF-16 code units of the named field, so a
/// forum can highlight the span without re-normalising the text.
/// </summary>
public sealed record VerdictReason
{
    public required string Rule { get; init; }

    public required string Category { get; init; }

    /// <summary><c>title</c> or <c>body</c>; <c>post</c> for the model, which reads both (its start and length are 0).</summary>
    public required string Field { get; init; }

    public int Start { get; init; }

    public int Length { get; init; }

    /// <summary>The rule's contribution to the score, in [0, 1].</summary>
    public double Weight { get; init; }

    /// <summary>Short human description of the rule.</summary>
    public string? Description { get; init; }

    /// <summary>When a nearby finding changed this one's weight: which rule, where, from what to what.</summary>
    public string? Context { get; init; }

    /// <summary>For a fingerprint match: the share of the protected document found in the post, in [0, 1].</summary>
    public double? Similarity { get; init; }

    /// <summary>For the model's reason (rule <c>model</c>): the classifier's version.</summary>
    public string? Model { get; init; }

    /// <summary>For the model's reason: its calibrated probability that the post is a leak, in [0, 1] (also its weight).</summary>
    public double? Probability { get; init; }
}
