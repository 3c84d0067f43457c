using Dapper;
using Moderation.Api.Review.Cases;
using Moderation.Storage.Audit;
using Moderation.Storage.Database;

namespace Moderation.Api.Review.Release;

/// <summary>Gives a claim back in the database: only the holder, with the claim's token, audited in the same transaction.</summary>
public sealed class ReleaseClaimSql(ModerationDatabase database, AuditLog audit)
{
    public async Task<bool> ReleaseAsync(long caseId, string actor, int claimVersion, CancellationToken cancellationToken)
    {
        const string Sql = $"UPDATE review_cases SET {ClaimFence.Clear} WHERE {ClaimFence.HeldWithToken}";
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var parameters = new { CaseId = caseId, Actor = actor, ClaimVersion = claimVersion };
        if (await connection.ExecuteAsync(new CommandDefinition(Sql, parameters, transaction, cancellationToken: cancellationToken)) != 1)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        await CaseAudit.AppendAsync(audit, connection, transaction, actor, "case.claim-released", caseId, new { version = claimVersion }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
