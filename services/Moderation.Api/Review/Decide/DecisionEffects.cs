using System.Globalization;
using Moderation.Api.Review.Cases;
using Moderation.Contracts;
using Moderation.Detection.Fingerprints;
using Moderation.Outbox;
using Moderation.Storage.Outbox;
using Moderation.Storage.Review;
using Moderation.Verdicts.Incidents;

namespace Moderation.Api.Review.Decide;

/// <summary>
/// What a decision writes besides itself, in its transaction: the forum's verdict for every post of
/// the case (Release and Confirm; a repost that joined the case is decided with it) and, for Confirm,
/// one incident for the case. Escalating writes neither: the officer decides later.
/// </summary>
public sealed record DecisionEffects
{
    public IReadOnlyList<OutboundMessage> Verdicts { get; init; } = [];

    public IncidentOpening? Incident { get; init; }

    /// <summary>The effects of <paramref name="request"/> on the case as it is inside the decision's transaction.</summary>
    public static DecisionEffects Of(ReviewCaseDetail current, DecisionRequest request, DateTimeOffset now, FingerprintScheme scheme)
    {
        if (request.Decision == ReviewDecisionKind.Escalate)
        {
            return new DecisionEffects();
        }

        var action = request.Decision == ReviewDecisionKind.Release ? VerdictAction.Publish : VerdictAction.Remove;
        var verdict = new PostVerdict
        {
            BoardId = current.Case.BoardId,
            PostId = current.Case.PostId,
            Revision = current.Case.Revision,
            Action = action,
            Stage = VerdictStage.Review,
            Score = current.Case.Score,
            Reasons = current.Reasons(),
            RuleSetVersion = current.RuleSetVersion,
            DecidedAt = now,
        };
        var reposts = current.Reposts.ToList();
        var effects = new DecisionEffects
        {
            Verdicts = [MessageOutbox.Verdict(current.VerdictQueue, verdict), .. reposts.Select(p => MessageOutbox.Verdict(current.VerdictQueue, RepostVerdict(p, action, now)))],
        };
        if (request.Decision != ReviewDecisionKind.Confirm)
        {
            return effects;
        }

        var document = ConfirmedDocument.Of(scheme, current);
        var detail = current.Case.Kind == ReviewCaseKind.Remove
            ? $"Removed by the automatic scan; removal confirmed by moderator {request.Actor}."
            : $"Held by the automatic scan; confirmed secret by moderator {request.Actor}: Remove verdict sent to the forum's queue.";
        if (reposts.Count > 0)
        {
            detail += string.Create(CultureInfo.InvariantCulture, $" The same decision removed {reposts.Count} repost(s) on the board: {string.Join(", ", reposts.Select(p => $"{p.PostId}#{p.Revision}"))}.");
        }

        var origin = new IncidentOrigin(IncidentOrigin.ReviewSource, request.Actor, detail)
        {
            ScanId = current.ScanId,
            ReviewCaseId = current.Case.CaseId,
            RegisteredDocumentId = document?.DocumentId,
        };
        // The excerpt masked at scan time when it was kept: the text it came from may be purged by now.
        var incident = current.Evidence?.MaskedExcerpt is { } excerpt
            ? IncidentOpener.OpenFromExcerpt(verdict, excerpt, document, origin)
            : IncidentOpener.Open(verdict, current.Title, current.Body, document, origin);
        return effects with { Incident = incident };
    }

    /// <summary>A repost's verdict: the case's decision, with the repost's own scan behind it.</summary>
    private static PostVerdict RepostVerdict(CasePost post, VerdictAction action, DateTimeOffset now) => new()
    {
        BoardId = post.BoardId,
        PostId = post.PostId,
        Revision = post.Revision,
        Action = action,
        Stage = VerdictStage.Review,
        Score = post.ScanScore,
        Reasons = ReviewCaseDetail.ReasonsOf(post.ReasonsJson),
        RuleSetVersion = post.RuleSetVersion,
        DecidedAt = now,
    };
}
