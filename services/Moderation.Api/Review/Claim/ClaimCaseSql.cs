using Dapper;
using Moderation.Api.Review.Cases;
using Moderation.Storage.Audit;
using Moderation.Storage.Database;

namespace Moderation.Api.Review.Claim;

/// <summary>The claim in the database, where it is decided: a fenced update of the case row, audited in its transaction.</summary>
public sealed class ClaimCaseSql(ModerationDatabase database, AuditLog audit, TimeProvider time)
{
    /// <summary>
    /// Claims the case for <paramref name="actor"/> until now + <paramref name="lease"/>. A claim by the
    /// holder renews it (with a new token). Refused while another's claim is unexpired, or when the case
    /// is no longer open.
    /// </summary>
    public async Task<ClaimResult> ClaimAsync(long caseId, string actor, TimeSpan lease, CancellationToken cancellationToken)
    {
        const string Claim = """
            UPDATE review_cases SET claimed_by = @actor, claim_expires_at = @until, version = version + 1
            WHERE case_id = @caseId AND status = 'Open'
              AND (claimed_by IS NULL OR claim_expires_at <= @now OR claimed_by = @actor)
            RETURNING version
            """;
        var now = time.GetUtcNow();
        var until = now + lease;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var version = await connection.ExecuteScalarAsync<int?>(new CommandDefinition(Claim, new { caseId, actor, until, now }, transaction, cancellationToken: cancellationToken));
        if (version is null)
        {
            await transaction.RollbackAsync(cancellationToken);
            var current = await CaseReader.FindAsync(connection, null, caseId, cancellationToken);
            return current is null ? ClaimResult.NotFound(caseId) : new ClaimResult(false, current.Case.Version, current.Case.ClaimExpiresAt, current.Case.ClaimedBy, WhyNotClaimable(current.Case, now));
        }

        await CaseAudit.AppendAsync(audit, connection, transaction, actor, "case.claimed", caseId, new { version, expiresAt = until }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ClaimResult(true, version.Value, until, actor, null);
    }

    private static string WhyNotClaimable(ReviewCaseSummary c, DateTimeOffset now) =>
        !ReviewCaseStatus.IsPending(c.Status) || c.DecidedAt is not null
            ? $"Case {c.CaseId} was already decided ({c.Status}) by {c.DecidedBy} at {c.DecidedAt:u}."
            : c.Status == ReviewCaseStatus.Escalated
                ? $"Case {c.CaseId} was escalated to the officer of division {c.DivisionCode}; moderators no longer claim it."
                : $"Case {c.CaseId} is claimed by {c.ClaimedBy} until {c.ClaimExpiresAt:u} ({(c.ClaimExpiresAt!.Value - now).TotalSeconds:0} s left).";
}
