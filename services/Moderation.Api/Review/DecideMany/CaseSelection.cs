using Moderation.Api.Review.Cases;

namespace Moderation.Api.Review.DecideMany;

/// <summary>
/// The cases a bulk decision would take: how many match, and (when no more than <see cref="Limit"/>)
/// which, in the queue's order, with the removed ones that a release would need a second look for.
/// </summary>
public sealed record CaseSelection(long Count, int Limit, IReadOnlyList<ReviewCaseSummary> Cases)
{
    public bool WithinLimit => Count <= Limit;
}
