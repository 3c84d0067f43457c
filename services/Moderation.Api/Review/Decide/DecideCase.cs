using System.Globalization;
using System.Security.Claims;
using Moderation.Api.Review.Cases;
using Moderation.Api.Review.Leases;
using Moderation.Api.Review.Live;
using Moderation.Api.Review.SecondLook;
using Moderation.Outbox;
using Moderation.Security;

namespace Moderation.Api.Review.Decide;

/// <summary>
/// The caller decides a case they hold: the decision's transaction, then what follows its commit
/// (the verdict sent to the forum, the confirmed text fingerprinted, the lease dropped, the queues told).
/// </summary>
public sealed class DecideCase(
    CaseAccess access,
    DecisionTransaction decisions,
    ICaseLeases leases,
    MessageOutbox outbox,
    ConfirmedFingerprints fingerprints,
    QueueNotifier notifier)
{
    /// <summary>
    /// Null when the case is not the caller's to see; otherwise the outcome. <paramref name="secondLook"/>
    /// is the caller's explicit confirmation that a case the scan removed may be released (<see cref="SecondLookRule"/>).
    /// </summary>
    public async Task<DecisionResult?> DecideAsync(ClaimsPrincipal user, long caseId, int claimVersion, string decision, string reason, string? requestId, bool secondLook, CancellationToken cancellationToken)
    {
        var detail = await access.FindAsync(user, caseId, cancellationToken);
        if (detail is null)
        {
            return null;
        }

        if (SecondLookRule.Applies(decision, detail.Case) && !secondLook)
        {
            return new DecisionResult { Outcome = DecisionOutcome.SecondLookNeeded, Refusal = SecondLookRule.NotConfirmed(detail.Case) };
        }

        var actor = user.ActorName();
        var result = await decisions.DecideAsync(new DecisionRequest
        {
            CaseId = caseId,
            ClaimVersion = claimVersion,
            Actor = actor,
            Decision = decision,
            Reason = reason.Trim(),
            // Without a client id, the claim token makes the natural key: one claim decides once.
            RequestId = requestId is { Length: > 0 } id ? id : string.Create(CultureInfo.InvariantCulture, $"{caseId}:{claimVersion}:{decision}:{actor}"),
        }, cancellationToken);
        if (result.Outcome is DecisionOutcome.Decided or DecisionOutcome.Replayed)
        {
            // After commit, and again on a replay: sending and registering are idempotent, and a replay
            // is how a client retries after a crash between commit and these steps.
            foreach (var verdict in result.Verdicts)
            {
                await outbox.TryDispatchAsync(verdict.OutboxId, verdict.Message, cancellationToken);
            }

            if (decision == ReviewDecisionKind.Confirm)
            {
                await fingerprints.RegisterAsync(detail, actor, cancellationToken);
            }

            await leases.ReleaseAsync(caseId, actor, cancellationToken);
            if (result.Outcome == DecisionOutcome.Decided)
            {
                await notifier.NotifyAsync(new CaseChanged(caseId, detail.Case.BoardId, "decided", ReviewDecisionKind.StatusAfter(decision), null, null, result.Decision!.CaseVersion, actor));
            }
        }

        return result;
    }
}
