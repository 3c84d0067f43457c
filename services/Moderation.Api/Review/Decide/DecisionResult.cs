using Moderation.Api.Review.Cases;
using Moderation.Storage.Outbox;

namespace Moderation.Api.Review.Decide;

/// <summary>The outcome of a decision and what it wrote, so the caller can send the verdict after commit.</summary>
public sealed record DecisionResult
{
    public required DecisionOutcome Outcome { get; init; }

    public ReviewDecisionRecord? Decision { get; init; }

    public long? VerdictOutboxId { get; init; }

    public OutboundMessage? Verdict { get; init; }

    public long? IncidentId { get; init; }

    /// <summary>Why it was refused, for a person.</summary>
    public string? Refusal { get; init; }
}
