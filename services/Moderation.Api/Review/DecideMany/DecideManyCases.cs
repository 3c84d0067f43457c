using System.Globalization;
using System.Security.Claims;
using Moderation.Api.Review.Claim;
using Moderation.Api.Review.Decide;
using Moderation.Security;

namespace Moderation.Api.Review.DecideMany;

/// <summary>
/// Decides a selection: each case is claimed (if free) and decided in its own transaction through the
/// claim and decide slices, so one case another moderator holds does not stop the rest. Idempotent
/// per case through the request id.
/// </summary>
public sealed class DecideManyCases(ClaimCase claims, DecideCase decide, DecisionTransaction decisions)
{
    public async Task<IReadOnlyList<BulkItemResult>> DecideAsync(ClaimsPrincipal user, IReadOnlyList<long> caseIds, string decision, string reason, string requestId, CancellationToken cancellationToken)
    {
        var results = new List<BulkItemResult>();
        foreach (var caseId in caseIds.Distinct())
        {
            var itemRequest = string.Create(CultureInfo.InvariantCulture, $"{requestId}:{caseId}");
            var claim = await claims.ClaimAsync(user, caseId, cancellationToken);
            if (claim is null)
            {
                results.Add(new BulkItemResult(caseId, "NotFound", $"There is no case {caseId} in your queue."));
                continue;
            }

            if (!claim.Claimed)
            {
                // Decided by this same bulk request before (a retry)? Then the decision stands.
                var replay = await decisions.FindReplayAsync(new DecisionRequest
                {
                    CaseId = caseId,
                    ClaimVersion = claim.Version,
                    Actor = user.ActorName(),
                    Decision = decision,
                    Reason = reason,
                    RequestId = itemRequest,
                }, cancellationToken);
                results.Add(replay?.Outcome == DecisionOutcome.Replayed
                    ? new BulkItemResult(caseId, nameof(DecisionOutcome.Replayed), null)
                    : new BulkItemResult(caseId, nameof(DecisionOutcome.Refused), claim.Refusal));
                continue;
            }

            var decided = await decide.DecideAsync(user, caseId, claim.Version, decision, reason, itemRequest, cancellationToken);
            results.Add(new BulkItemResult(caseId, decided!.Outcome.ToString(), decided.Refusal));
        }

        return results;
    }
}
