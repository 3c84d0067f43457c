using Moderation.Api.Review.Cases;
using Moderation.Contracts;
using Moderation.Detection.Fingerprints;
using Moderation.Outbox;
using Moderation.Storage.Outbox;
using Moderation.Storage.Review;
using Moderation.Verdicts.Incidents;

namespace Moderation.Api.Review.Decide;

/// <summary>
/// What a decision writes besides itself, in its transaction: the forum's verdict (Release and
/// Confirm) and, for Confirm, the incident. Escalating writes neither: the officer decides later.
/// </summary>
public sealed record DecisionEffects
{
    public OutboundMessage? Verdict { get; init; }

    public IncidentOpening? Incident { get; init; }

    /// <summary>The effects of <paramref name="request"/> on the case as it is inside the decision's transaction.</summary>
    public static DecisionEffects Of(ReviewCaseDetail current, DecisionRequest request, DateTimeOffset now, FingerprintScheme scheme)
    {
        if (request.Decision == ReviewDecisionKind.Escalate)
        {
            return new DecisionEffects();
        }

        var verdict = new PostVerdict
        {
            BoardId = current.Case.BoardId,
            PostId = current.Case.PostId,
            Revision = current.Case.Revision,
            Action = request.Decision == ReviewDecisionKind.Release ? VerdictAction.Publish : VerdictAction.Remove,
            Stage = VerdictStage.Review,
            Score = current.Case.Score,
            Reasons = current.Reasons(),
            RuleSetVersion = current.RuleSetVersion,
            DecidedAt = now,
        };
        var effects = new DecisionEffects { Verdict = MessageOutbox.Verdict(current.VerdictQueue, verdict) };
        if (request.Decision != ReviewDecisionKind.Confirm)
        {
            return effects;
        }

        var document = ConfirmedDocument.Of(scheme, current);
        var origin = new IncidentOrigin(IncidentOrigin.ReviewSource, request.Actor, current.Case.Kind == ReviewCaseKind.Remove
            ? $"Removed by the automatic scan; removal confirmed by moderator {request.Actor}."
            : $"Held by the automatic scan; confirmed secret by moderator {request.Actor}: Remove verdict sent to the forum's queue.")
        {
            ScanId = current.ScanId,
            ReviewCaseId = current.Case.CaseId,
            RegisteredDocumentId = document?.DocumentId,
        };
        return effects with { Incident = IncidentOpener.Open(verdict, current.Title, current.Body, document, origin) };
    }
}
