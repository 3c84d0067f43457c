using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Moderation.Contracts;
using Moderation.Detection.Fingerprints;
using Moderation.Fingerprints;
using Moderation.Hosting.Messaging;
using Moderation.Hosting.Review;
using Moderation.Security;
using Moderation.Outbox;
using Moderation.Storage.Accounts;
using Moderation.Storage.Review;
using Moderation.Verdicts.Incidents;

namespace Moderation.Api.Review;

/// <summary>
/// The review queue as its users see it: scoped to the caller, claims through the lease fast path
/// and the database's fenced claim, decisions with their effects (the forum's verdict, the incident,
/// the confirmed text's fingerprint) and a live update to every open queue.
/// </summary>
public sealed class ReviewQueue(
    ReviewStore store,
    AccountRepository accounts,
    ICaseLeases leases,
    MessageOutbox outbox,
    FingerprintRegistry fingerprints,
    FingerprintScheme scheme,
    QueueNotifier notifier,
    IOptions<ReviewQueueOptions> options,
    TimeProvider time,
    ILogger<ReviewQueue> logger)
{
    public const int MaxReasonLength = 2000;

    public TimeSpan Lease => options.Value.ClaimLease;

    public TimeSpan Sla => options.Value.Sla;

    public async Task<CasePage> ListAsync(ClaimsPrincipal user, CaseFilter filter, CancellationToken cancellationToken)
    {
        var scope = await CaseScope.OfAsync(user, accounts, cancellationToken);
        return await store.ListAsync(scope.Apply(filter), cancellationToken);
    }

    public async Task<long> CountAsync(ClaimsPrincipal user, CaseFilter filter, CancellationToken cancellationToken)
    {
        var scope = await CaseScope.OfAsync(user, accounts, cancellationToken);
        return await store.CountAsync(scope.Apply(filter), cancellationToken);
    }

    /// <summary>The case, or null when it does not exist or is outside the caller's scope (the same answer, on purpose).</summary>
    public async Task<ReviewCaseDetail?> FindAsync(ClaimsPrincipal user, long caseId, CancellationToken cancellationToken)
    {
        var detail = await store.FindAsync(caseId, cancellationToken);
        if (detail is null)
        {
            return null;
        }

        var scope = await CaseScope.OfAsync(user, accounts, cancellationToken);
        return scope.Covers(detail.Case) ? detail : null;
    }

    public async Task<ClaimResult?> ClaimAsync(ClaimsPrincipal user, long caseId, CancellationToken cancellationToken)
    {
        var detail = await FindAsync(user, caseId, cancellationToken);
        if (detail is null)
        {
            return null;
        }

        var actor = user.ActorName();
        var holder = await leases.TryAcquireAsync(caseId, actor, Lease, cancellationToken);
        if (holder is not null)
        {
            // The lease says someone else; believe it only if the database agrees (a lease can outlive a crash).
            var current = (await store.FindAsync(caseId, cancellationToken))!.Case;
            if (current.ClaimedBy == holder && current.IsClaimedAt(time.GetUtcNow()))
            {
                return new ClaimResult(false, current.Version, current.ClaimExpiresAt, holder,
                    $"Case {caseId} is claimed by {holder} until {current.ClaimExpiresAt:u}.");
            }
        }

        var result = await store.ClaimAsync(caseId, actor, Lease, cancellationToken);
        if (result.Claimed)
        {
            await leases.OverwriteAsync(caseId, actor, Lease, cancellationToken);
            await notifier.NotifyAsync(new CaseChanged(caseId, detail.Case.BoardId, "claimed", ReviewCaseStatus.Open, actor, result.ExpiresAt, result.Version, actor));
        }
        else if (holder is null)
        {
            await leases.ReleaseAsync(caseId, actor, cancellationToken);
        }

        return result;
    }

    public async Task<bool?> ReleaseClaimAsync(ClaimsPrincipal user, long caseId, int version, CancellationToken cancellationToken)
    {
        var detail = await FindAsync(user, caseId, cancellationToken);
        if (detail is null)
        {
            return null;
        }

        var actor = user.ActorName();
        var released = await store.ReleaseClaimAsync(caseId, actor, version, cancellationToken);
        if (released)
        {
            await leases.ReleaseAsync(caseId, actor, cancellationToken);
            await notifier.NotifyAsync(new CaseChanged(caseId, detail.Case.BoardId, "released", ReviewCaseStatus.Open, null, null, version + 1, actor));
        }

        return released;
    }

    /// <summary>Null when the case is not the caller's to see; otherwise the outcome.</summary>
    public async Task<DecisionResult?> DecideAsync(ClaimsPrincipal user, long caseId, int claimVersion, string decision, string reason, string? requestId, CancellationToken cancellationToken)
    {
        var detail = await FindAsync(user, caseId, cancellationToken);
        if (detail is null)
        {
            return null;
        }

        var actor = user.ActorName();
        var request = new DecisionRequest
        {
            CaseId = caseId,
            ClaimVersion = claimVersion,
            Actor = actor,
            Decision = decision,
            Reason = reason.Trim(),
            // Without a client id, the claim token makes the natural key: one claim decides once.
            RequestId = requestId is { Length: > 0 } id ? id : string.Create(CultureInfo.InvariantCulture, $"{caseId}:{claimVersion}:{decision}:{actor}"),
        };
        var result = await store.DecideAsync(request, current => Effects(current, request), cancellationToken);
        if (result.Outcome is DecisionOutcome.Decided or DecisionOutcome.Replayed)
        {
            // After commit, and again on a replay: sending and registering are idempotent, and a replay
            // is how a client retries after a crash between commit and these steps.
            if (result.VerdictOutboxId is { } outboxId && result.Verdict is { } verdict)
            {
                await outbox.TryDispatchAsync(outboxId, verdict, cancellationToken);
            }

            if (decision == ReviewDecisionKind.Confirm)
            {
                await RegisterFingerprintAsync(detail, actor, cancellationToken);
            }

            await leases.ReleaseAsync(caseId, actor, cancellationToken);
            if (result.Outcome == DecisionOutcome.Decided)
            {
                await notifier.NotifyAsync(new CaseChanged(caseId, detail.Case.BoardId, "decided", ReviewDecisionKind.StatusAfter(decision), null, null, result.Decision!.CaseVersion, actor));
            }
        }

        return result;
    }

    /// <summary>
    /// Decides a selection: each case is claimed (if free) and decided in its own transaction, so one
    /// case another moderator holds does not stop the rest. Idempotent per case through
    /// <paramref name="requestId"/>.
    /// </summary>
    public async Task<IReadOnlyList<BulkItemResult>> DecideManyAsync(ClaimsPrincipal user, IReadOnlyList<long> caseIds, string decision, string reason, string requestId, CancellationToken cancellationToken)
    {
        var results = new List<BulkItemResult>();
        foreach (var caseId in caseIds.Distinct())
        {
            var itemRequest = string.Create(CultureInfo.InvariantCulture, $"{requestId}:{caseId}");
            var claim = await ClaimAsync(user, caseId, cancellationToken);
            if (claim is null)
            {
                results.Add(new BulkItemResult(caseId, "NotFound", $"There is no case {caseId} in your queue."));
                continue;
            }

            if (!claim.Claimed)
            {
                // Decided by this same bulk request before (a retry)? Then the decision stands.
                var replay = await store.DecideAsync(new DecisionRequest
                {
                    CaseId = caseId,
                    ClaimVersion = claim.Version,
                    Actor = user.ActorName(),
                    Decision = decision,
                    Reason = reason,
                    RequestId = itemRequest,
                }, _ => new DecisionEffects(), cancellationToken);
                results.Add(replay.Outcome == DecisionOutcome.Replayed
                    ? new BulkItemResult(caseId, nameof(DecisionOutcome.Replayed), null)
                    : new BulkItemResult(caseId, nameof(DecisionOutcome.Refused), claim.Refusal));
                continue;
            }

            var decided = await DecideAsync(user, caseId, claim.Version, decision, reason, itemRequest, cancellationToken);
            results.Add(new BulkItemResult(caseId, decided!.Outcome.ToString(), decided.Refusal));
        }

        return results;
    }

    /// <summary>Returns expired claims to the queue and tells the open queues.</summary>
    public async Task<int> ExpireClaimsAsync(CancellationToken cancellationToken)
    {
        var expired = await store.ExpireClaimsAsync(cancellationToken);
        foreach (var caseId in expired)
        {
            var detail = await store.FindAsync(caseId, cancellationToken);
            if (detail is not null)
            {
                await notifier.NotifyAsync(new CaseChanged(caseId, detail.Case.BoardId, "expired", detail.Case.Status, null, null, detail.Case.Version, "system"));
            }
        }

        return expired.Count;
    }

    public static IReadOnlyList<VerdictReason> Reasons(ReviewCaseDetail detail) =>
        JsonSerializer.Deserialize<VerdictReason[]>(detail.ReasonsJson, WireFormat.Options) ?? [];

    private DecisionEffects Effects(ReviewCaseDetail current, DecisionRequest request)
    {
        if (request.Decision == ReviewDecisionKind.Escalate)
        {
            return new DecisionEffects();
        }

        var now = time.GetUtcNow();
        var reasons = Reasons(current);
        var verdict = new PostVerdict
        {
            BoardId = current.Case.BoardId,
            PostId = current.Case.PostId,
            Revision = current.Case.Revision,
            Action = request.Decision == ReviewDecisionKind.Release ? VerdictAction.Publish : VerdictAction.Remove,
            Stage = VerdictStage.Review,
            Score = current.Case.Score,
            Reasons = reasons,
            RuleSetVersion = current.RuleSetVersion,
            DecidedAt = now,
        };
        var effects = new DecisionEffects { Verdict = MessageOutbox.Verdict(current.VerdictQueue, verdict) };
        if (request.Decision != ReviewDecisionKind.Confirm)
        {
            return effects;
        }

        var document = ConfirmedDocument(current);
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

    /// <summary>The confirmed text as a protected document; null when too short to fingerprint.</summary>
    private FingerprintDocument? ConfirmedDocument(ReviewCaseDetail detail) =>
        PostFingerprint.Compute(scheme, detail.Title, detail.Body,
            string.Create(CultureInfo.InvariantCulture, $"confirmed-case-{detail.Case.CaseId}"),
            $"Confirmed post {detail.Case.BoardId}/{detail.Case.PostId}#{detail.Case.Revision}", detail.Case.DivisionCode);

    /// <summary>
    /// Registers the confirmed text as a protected document, so a repost (or a quotation of it) is
    /// caught by every scanner at once. A text too short to fingerprint is noted and skipped.
    /// </summary>
    private async Task RegisterFingerprintAsync(ReviewCaseDetail detail, string actor, CancellationToken cancellationToken)
    {
        if (ConfirmedDocument(detail) is not { } document)
        {
            logger.LogInformation("Confirmed case {CaseId} is not fingerprinted: its text is too short (or already purged)", detail.Case.CaseId);
            return;
        }

        var result = await fingerprints.RegisterAsync(document, actor, cancellationToken);
        logger.LogInformation("Confirmed case {CaseId} registered as protected document {DocumentId} ({Outcome})", detail.Case.CaseId, document.DocumentId, result.Outcome);
    }
}
