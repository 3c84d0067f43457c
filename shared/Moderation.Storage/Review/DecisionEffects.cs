using Moderation.Storage.Outbox;
using Moderation.Verdicts.Incidents;

namespace Moderation.Storage.Review;

/// <summary>What a decision writes besides itself, in its transaction: the forum's verdict, the incident.</summary>
public sealed record DecisionEffects
{
    public OutboundMessage? Verdict { get; init; }

    public IncidentOpening? Incident { get; init; }
}
