using Moderation.Api.Review.Cases;

namespace Moderation.Api.Review.Decide;

/// <summary>The outcome of a decision and what it wrote, so the caller can send the verdict after commit.</summary>
public sealed record DecisionResult
{
    public required DecisionOutcome Outcome { get; init; }

    public ReviewDecisionRecord? Decision { get; init; }

    /// <summary>One review-stage verdict for each post of the case (its reposts included).</summary>
    public IReadOnlyList<SentVerdict> Verdicts { get; init; } = [];

    public long? IncidentId { get; init; }

    /// <summary>Why it was refused, for a person.</summary>
    public string? Refusal { get; init; }
}
