using System.Data.Common;
using Dapper;
using Moderation.Storage.Database;

namespace Moderation.Storage.Audit;

/// <summary>
/// The append-only, hash-chained audit log. An entry is appended inside the transaction of the action
/// it records, so the record exists exactly when the action does. Appends take the table's write lock
/// until commit (PostgreSQL: a table lock; SQLite: the database's single writer), which keeps the
/// chain linear; audited actions are human-paced, so the wait is negligible.
/// </summary>
public sealed class AuditLog(ModerationDatabase database, TimeProvider time)
{
    public async Task<AuditRecord> AppendAsync(DbConnection connection, DbTransaction transaction, AuditEntry entry, CancellationToken cancellationToken)
    {
        if (database.Provider == StorageProvider.Postgres)
        {
            // SHARE ROW EXCLUSIVE conflicts with itself: one appender at a time, readers unaffected.
            await connection.ExecuteAsync(new CommandDefinition("LOCK TABLE audit_log IN SHARE ROW EXCLUSIVE MODE", transaction: transaction, cancellationToken: cancellationToken));
        }

        const string Last = "SELECT sequence, row_hash FROM audit_log ORDER BY sequence DESC LIMIT 1";
        var last = await connection.QuerySingleOrDefaultAsync<(long Sequence, string RowHash)?>(new CommandDefinition(Last, transaction: transaction, cancellationToken: cancellationToken));
        var sequence = (last?.Sequence ?? 0) + 1;
        var previous = last?.RowHash ?? AuditChain.Genesis;
        var occurredAt = AuditChain.Normalise(time.GetUtcNow());
        var record = new AuditRecord
        {
            Sequence = sequence,
            OccurredAt = occurredAt,
            Actor = entry.Actor,
            Action = entry.Action,
            Subject = entry.Subject,
            DetailJson = entry.DetailJson,
            PreviousHash = previous,
            RowHash = AuditChain.Hash(previous, AuditChain.Canonical(sequence, occurredAt, entry.Actor, entry.Action, entry.Subject, entry.DetailJson)),
        };

        const string Insert = """
            INSERT INTO audit_log (sequence, occurred_at, actor, action, subject, detail_json, previous_hash, row_hash)
            VALUES (@Sequence, @OccurredAt, @Actor, @Action, @Subject, @DetailJson, @PreviousHash, @RowHash)
            """;
        await connection.ExecuteAsync(new CommandDefinition(Insert, record, transaction, cancellationToken: cancellationToken));
        return record;
    }

    /// <summary>Records an action that has no transaction of its own to join.</summary>
    public async Task<AuditRecord> AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var record = await AppendAsync(connection, transaction, entry, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return record;
    }

    /// <summary>Newest first, for the audit page; <paramref name="before"/> pages back.</summary>
    public async Task<IReadOnlyList<AuditRecord>> ListAsync(long? before, int limit, string? subject, CancellationToken cancellationToken)
    {
        const string Sql = """
            SELECT sequence, occurred_at, actor, action, subject, detail_json, previous_hash, row_hash
            FROM audit_log
            WHERE (@before IS NULL OR sequence < @before) AND (@subject IS NULL OR subject = @subject)
            ORDER BY sequence DESC
            LIMIT @limit
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<AuditRecord>(new CommandDefinition(Sql, new { before, limit, subject }, cancellationToken: cancellationToken))];
    }

    public Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken) => VerifyAsync(database, cancellationToken);

    /// <summary>
    /// Walks the whole chain in order and reports the first row that was changed (its hash does not
    /// match), removed (a gap in the sequence) or moved (it does not link to the row before it).
    /// </summary>
    public static async Task<AuditVerification> VerifyAsync(ModerationDatabase database, CancellationToken cancellationToken)
    {
        const string Sql = """
            SELECT sequence, occurred_at, actor, action, subject, detail_json, previous_hash, row_hash
            FROM audit_log ORDER BY sequence
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        long expected = 1;
        var previous = AuditChain.Genesis;
        await foreach (var row in connection.QueryUnbufferedAsync<AuditRecord>(Sql).WithCancellation(cancellationToken))
        {
            string? problem = null;
            if (row.Sequence != expected)
            {
                problem = row.Sequence > expected
                    ? $"row {expected}{(row.Sequence - expected > 1 ? $" to {row.Sequence - 1}" : "")} is missing: the log jumps from {expected - 1} to {row.Sequence} (removed)"
                    : $"row {row.Sequence} appears again after row {expected - 1} (duplicated or reordered)";
            }
            else if (row.PreviousHash != previous)
            {
                problem = $"row {row.Sequence} does not link to row {row.Sequence - 1}: its previous_hash is not that row's hash (rows reordered, or the row before it replaced)";
            }
            else if (AuditChain.HashOf(row) != row.RowHash)
            {
                problem = $"row {row.Sequence} was changed: its content no longer matches its hash ({row.Action} on {row.Subject} by {row.Actor} as stored now)";
            }

            if (problem is not null)
            {
                return new AuditVerification { RowsChecked = expected - 1, HeadHash = previous, FirstBrokenSequence = Math.Min(row.Sequence, expected), Problem = problem };
            }

            previous = row.RowHash;
            expected++;
        }

        return new AuditVerification { RowsChecked = expected - 1, HeadHash = previous };
    }
}
