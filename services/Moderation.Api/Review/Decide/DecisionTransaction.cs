using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Options;
using Moderation.Api.Review.Cases;
using Moderation.Detection.Fingerprints;
using Moderation.Storage;
using Moderation.Storage.Audit;
using Moderation.Storage.Database;
using Moderation.Storage.Incidents;
using Moderation.Storage.Outbox;
using Moderation.Storage.Review;

namespace Moderation.Api.Review.Decide;

/// <summary>
/// A decision as one transaction, composed here: the fenced close of the case, the decision row,
/// the forum's verdict in the outbox, the incident (for Confirm), the audit row. Either all of it is
/// committed or none; the verdict is sent after commit by the caller. Idempotent on the request id.
/// </summary>
public sealed class DecisionTransaction(ModerationDatabase database, AuditLog audit, TimeProvider time, IOptions<StorageOptions> storage, FingerprintScheme scheme)
{
    public async Task<DecisionResult> DecideAsync(DecisionRequest request, CancellationToken cancellationToken)
    {
        var newStatus = ReviewDecisionKind.StatusAfter(request.Decision);
        var now = time.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        if (await DecisionHistory.FindByRequestAsync(connection, transaction, request.RequestId, cancellationToken) is { } earlier)
        {
            await transaction.RollbackAsync(cancellationToken);
            return Replay(request, earlier);
        }

        var current = await CaseReader.FindAsync(connection, transaction, request.CaseId, cancellationToken);
        if (current is null)
        {
            await transaction.RollbackAsync(cancellationToken);
            return new DecisionResult { Outcome = DecisionOutcome.NotFound, Refusal = $"There is no case {request.CaseId}." };
        }

        var version = await CloseAsync(connection, transaction, request, newStatus, now, cancellationToken);
        if (version is null)
        {
            await transaction.RollbackAsync(cancellationToken);
            return new DecisionResult { Outcome = DecisionOutcome.Refused, Refusal = WhyNotDecidable(current.Case, request, now) };
        }

        var record = new ReviewDecisionRecord
        {
            CaseId = request.CaseId,
            BoardId = current.Case.BoardId,
            PostId = current.Case.PostId,
            Revision = current.Case.Revision,
            Decision = request.Decision,
            Reason = request.Reason,
            DecidedBy = request.Actor,
            DecidedAt = now,
            RequestId = request.RequestId,
            CaseVersion = version.Value,
        };
        try
        {
            record = record with { DecisionId = await InsertDecisionAsync(connection, transaction, record, cancellationToken) };
        }
        catch (DbException) when (!cancellationToken.IsCancellationRequested)
        {
            // The same request raced itself; the other copy won. Report what it decided.
            await transaction.RollbackAsync(CancellationToken.None);
            await using var again = await database.OpenAsync(cancellationToken);
            var winner = await DecisionHistory.FindByRequestAsync(again, null, request.RequestId, cancellationToken);
            return winner is null ? throw new InvalidOperationException($"Decision {request.RequestId} failed and no earlier copy exists.") : Replay(request, winner);
        }

        var effects = DecisionEffects.Of(current, request, now, scheme);
        var verdicts = new List<SentVerdict>(effects.Verdicts.Count);
        foreach (var verdict in effects.Verdicts)
        {
            verdicts.Add(new SentVerdict(await OutboxTable.InsertClaimedAsync(connection, transaction, verdict, now, storage.Value.OutboxClaimDuration, cancellationToken), verdict));
        }

        if (newStatus != ReviewCaseStatus.Escalated)
        {
            // Kept only until the decision (an escalated case still needs it for the officer).
            await CasePosts.EraseEvidenceAsync(connection, transaction, request.CaseId, keepFingerprint: request.Decision == ReviewDecisionKind.Confirm, cancellationToken);
        }

        long? incidentId = effects.Incident is { } incident
            ? (await IncidentWriter.OpenAsync(connection, transaction, incident, cancellationToken)).IncidentId
            : null;

        await CaseAudit.AppendAsync(audit, connection, transaction, request.Actor, "case.decided", request.CaseId, new
        {
            decision = request.Decision,
            reason = request.Reason,
            requestId = request.RequestId,
            version,
            board = current.Case.BoardId,
            post = current.Case.PostId,
            revision = current.Case.Revision,
            incidentId,
            reposts = current.Reposts.Select(p => new { board = p.BoardId, post = p.PostId, revision = p.Revision }).ToArray(),
        }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new DecisionResult { Outcome = DecisionOutcome.Decided, Decision = record, Verdicts = verdicts, IncidentId = incidentId };
    }

    /// <summary>The outcome of an earlier decision with this request id, or null when there was none.</summary>
    public async Task<DecisionResult?> FindReplayAsync(DecisionRequest request, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await DecisionHistory.FindByRequestAsync(connection, null, request.RequestId, cancellationToken) is { } earlier ? Replay(request, earlier) : null;
    }

    /// <summary>Closes the case if the caller's claim still holds it; the new version, or null when fenced off.</summary>
    private static Task<int?> CloseAsync(DbConnection connection, DbTransaction transaction, DecisionRequest request, string newStatus, DateTimeOffset now, CancellationToken cancellationToken)
    {
        const string Close = $"""
            UPDATE review_cases
               SET status = @newStatus, decided_by = @Actor, decided_at = @now, {ClaimFence.Clear}
             WHERE {ClaimFence.HeldWithToken} AND claim_expires_at > @now
            RETURNING version
            """;
        return connection.ExecuteScalarAsync<int?>(new CommandDefinition(Close, new { newStatus, request.Actor, now, request.CaseId, request.ClaimVersion }, transaction, cancellationToken: cancellationToken));
    }

    private static Task<long> InsertDecisionAsync(DbConnection connection, DbTransaction transaction, ReviewDecisionRecord decision, CancellationToken cancellationToken)
    {
        const string Insert = """
            INSERT INTO review_decisions (case_id, board_id, post_id, revision, decision, reason, decided_by, decided_at, request_id, case_version)
            VALUES (@CaseId, @BoardId, @PostId, @Revision, @Decision, @Reason, @DecidedBy, @DecidedAt, @RequestId, @CaseVersion)
            RETURNING decision_id
            """;
        return connection.ExecuteScalarAsync<long>(new CommandDefinition(Insert, decision, transaction, cancellationToken: cancellationToken));
    }

    private static DecisionResult Replay(DecisionRequest request, ReviewDecisionRecord earlier) =>
        earlier.CaseId == request.CaseId && earlier.Decision == request.Decision && earlier.DecidedBy == request.Actor
            ? new DecisionResult { Outcome = DecisionOutcome.Replayed, Decision = earlier }
            : new DecisionResult
            {
                Outcome = DecisionOutcome.Refused,
                Refusal = $"Request id '{request.RequestId}' was already used for {earlier.Decision} of case {earlier.CaseId} by {earlier.DecidedBy}; send a new request id for a new decision.",
            };

    private static string WhyNotDecidable(ReviewCaseSummary c, DecisionRequest request, DateTimeOffset now)
    {
        if (c.Status != ReviewCaseStatus.Open)
        {
            return $"Case {c.CaseId} was already decided ({c.Status}) by {c.DecidedBy} at {c.DecidedAt:u}; nothing was changed.";
        }

        if (c.ClaimedBy != request.Actor || c.ClaimExpiresAt <= now)
        {
            return c.ClaimedBy is null || c.ClaimExpiresAt <= now
                ? $"Your claim on case {c.CaseId} has expired; claim it again, check it is unchanged, then decide."
                : $"Case {c.CaseId} is claimed by {c.ClaimedBy} until {c.ClaimExpiresAt:u}; only the holder of the claim decides it.";
        }

        return $"Your claim token {request.ClaimVersion} on case {c.CaseId} is stale (the case is at version {c.Version}: it was claimed again since). Reload the case and decide again.";
    }
}
