using Dapper;
using Moderation.Api.Review.Cases;
using Moderation.Storage.Audit;
using Moderation.Storage.Database;

namespace Moderation.Api.Review.Release;

/// <summary>
/// Returns cases whose claim ran out to the queue (and says so in the audit log). Deciding never
/// depends on this: an expired claim's token is refused whether or not it was swept yet.
/// </summary>
public sealed class ExpireClaimsSql(ModerationDatabase database, AuditLog audit, TimeProvider time)
{
    public async Task<IReadOnlyList<long>> ExpireAsync(CancellationToken cancellationToken)
    {
        const string Due = """
            SELECT case_id, claimed_by, version FROM review_cases
            WHERE claim_expires_at <= @now AND claimed_by IS NOT NULL AND status = 'Open'
            ORDER BY claim_expires_at LIMIT 200
            """;
        const string Expire = $"""
            UPDATE review_cases SET {ClaimFence.Clear}
            WHERE case_id = @CaseId AND version = @Version AND claim_expires_at <= @now
            """;
        var now = time.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        var due = (await connection.QueryAsync<(long CaseId, string ClaimedBy, int Version)>(new CommandDefinition(Due, new { now }, cancellationToken: cancellationToken))).ToList();
        var expired = new List<long>();
        foreach (var claim in due)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            if (await connection.ExecuteAsync(new CommandDefinition(Expire, new { claim.CaseId, claim.Version, now }, transaction, cancellationToken: cancellationToken)) == 1)
            {
                await CaseAudit.AppendAsync(audit, connection, transaction, "system", "case.claim-expired", claim.CaseId, new { claimedBy = claim.ClaimedBy, version = claim.Version }, cancellationToken);
                expired.Add(claim.CaseId);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        return expired;
    }
}
