using Dapper;
using Microsoft.Extensions.Options;
using Moderation.Storage.Database;
using Moderation.Storage.Outbox;

namespace Moderation.Storage.Rejections;

/// <summary>Records why a submission was refused and queues the notice to the forum, once per submission.</summary>
public sealed class RejectionStore(ModerationDatabase database, IOptions<StorageOptions> options)
{
    /// <summary>Returns the outbox id of the notice, or null when this submission was already rejected.</summary>
    public async Task<long?> RecordAsync(RejectionWrite rejection, CancellationToken cancellationToken)
    {
        const string Sql = """
            INSERT INTO rejections (dedupe_key, board_id, post_id, revision, code, reason, rejected_at)
            VALUES (@DedupeKey, @BoardId, @PostId, @Revision, @Code, @Reason, @RejectedAt)
            ON CONFLICT (dedupe_key) DO NOTHING
            RETURNING rejection_id
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var rejectionId = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(Sql, new
        {
            rejection.DedupeKey,
            rejection.BoardId,
            rejection.PostId,
            rejection.Revision,
            rejection.Code,
            rejection.Reason,
            rejection.RejectedAt,
        }, transaction, cancellationToken: cancellationToken));
        if (rejectionId is null)
        {
            await transaction.RollbackAsync(cancellationToken);
            return null;
        }

        var outboxId = await OutboxTable.InsertClaimedAsync(connection, transaction, rejection.Notice, rejection.RejectedAt, options.Value.OutboxClaimDuration, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return outboxId;
    }
}
