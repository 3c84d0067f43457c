using System.Globalization;
using System.Security.Claims;
using Moderation.Api.Review.Cases;
using Moderation.Api.Review.Claim;
using Moderation.Api.Review.Decide;
using Moderation.Api.Review.SecondLook;
using Moderation.Security;

namespace Moderation.Api.Review.DecideMany;

/// <summary>
/// Decides a selection: each case is claimed (if free) and decided in its own transaction through the
/// claim and decide slices, so one case another moderator holds does not stop the rest. Idempotent
/// per case through the request id. A case the scan removed is released only with the selection's
/// explicit <c>releaseRemoved</c> and when the caller opened it before (<see cref="SecondLookRule"/>).
/// </summary>
public sealed class DecideManyCases(CaseAccess access, ClaimCase claims, DecideCase decide, DecisionTransaction decisions, CaseViews views)
{
    /// <summary>The most cases one bulk decision takes, whether listed or selected by a filter.</summary>
    public const int MaxCases = 200;

    public async Task<IReadOnlyList<BulkItemResult>> DecideAsync(ClaimsPrincipal user, IReadOnlyList<long> caseIds, string decision, string reason, string requestId, bool releaseRemoved, CancellationToken cancellationToken)
    {
        var results = new List<BulkItemResult>();
        var distinct = caseIds.Distinct().ToList();
        var actor = user.ActorName();
        var opened = await views.OpenedAsync(distinct, actor, cancellationToken);
        foreach (var caseId in distinct)
        {
            var detail = await access.FindAsync(user, caseId, cancellationToken);
            if (detail is null)
            {
                results.Add(new BulkItemResult(caseId, nameof(DecisionOutcome.NotFound), $"There is no case {caseId} in your queue."));
                continue;
            }

            if (SecondLookRule.Applies(decision, detail.Case) && (!releaseRemoved || !opened.Contains(caseId)))
            {
                results.Add(new BulkItemResult(caseId, nameof(DecisionOutcome.SecondLookNeeded),
                    releaseRemoved ? SecondLookRule.NotOpened(detail.Case) : SecondLookRule.NotConfirmedInBulk(detail.Case)));
                continue;
            }

            var itemRequest = string.Create(CultureInfo.InvariantCulture, $"{requestId}:{caseId}");
            var claim = await claims.ClaimAsync(user, caseId, cancellationToken);
            if (claim is null)
            {
                results.Add(new BulkItemResult(caseId, nameof(DecisionOutcome.NotFound), $"There is no case {caseId} in your queue."));
                continue;
            }

            if (!claim.Claimed)
            {
                // Decided by this same bulk request before (a retry)? Then the decision stands.
                var replay = await decisions.FindReplayAsync(new DecisionRequest
                {
                    CaseId = caseId,
                    ClaimVersion = claim.Version,
                    Actor = actor,
                    Decision = decision,
                    Reason = reason,
                    RequestId = itemRequest,
                }, cancellationToken);
                results.Add(replay?.Outcome == DecisionOutcome.Replayed
                    ? new BulkItemResult(caseId, nameof(DecisionOutcome.Replayed), null)
                    : new BulkItemResult(caseId, nameof(DecisionOutcome.Refused), claim.Refusal));
                continue;
            }

            // The second look was checked above for the whole selection.
            var decided = await decide.DecideAsync(user, caseId, claim.Version, decision, reason, itemRequest, secondLook: true, cancellationToken);
            results.Add(new BulkItemResult(caseId, decided!.Outcome.ToString(), decided.Refusal));
        }

        return results;
    }
}
