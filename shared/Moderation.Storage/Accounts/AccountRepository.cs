using Dapper;
using Moderation.Storage.Database;

namespace Moderation.Storage.Accounts;

/// <summary>Accounts and the boards assigned to moderators (failed sign-ins: <see cref="SignInAttemptRepository"/>).</summary>
public sealed class AccountRepository(ModerationDatabase database, TimeProvider time)
{
    private const string Columns = """
        account_id, user_name, display_name, password_hash, role, division_code, security_stamp,
        disabled_at, created_at
        """;

    public async Task<Account?> FindAsync(string userName, CancellationToken cancellationToken)
    {
        const string Sql = $"SELECT {Columns} FROM accounts WHERE user_name = @userName";
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Account>(new CommandDefinition(Sql, new { userName }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<Account>> ListAsync(CancellationToken cancellationToken)
    {
        const string Sql = $"SELECT {Columns} FROM accounts ORDER BY user_name";
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<Account>(new CommandDefinition(Sql, cancellationToken: cancellationToken))];
    }

    /// <summary>Creates the account, or updates role, name, jurisdiction and password hash of an existing one.</summary>
    public async Task<long> SaveAsync(string userName, string displayName, string passwordHash, string role, string? divisionCode, CancellationToken cancellationToken)
    {
        if (!AccountRoles.People.Contains(role))
        {
            throw new ArgumentException($"Role '{role}' is not one of {string.Join(", ", AccountRoles.People)}.", nameof(role));
        }

        const string Sql = """
            INSERT INTO accounts (user_name, display_name, password_hash, role, division_code, security_stamp, created_at)
            VALUES (@userName, @displayName, @passwordHash, @role, @divisionCode, @stamp, @now)
            ON CONFLICT (user_name) DO UPDATE SET
                display_name = excluded.display_name, password_hash = excluded.password_hash, role = excluded.role,
                division_code = excluded.division_code,
                security_stamp = CASE WHEN accounts.password_hash = excluded.password_hash AND accounts.role = excluded.role
                                      THEN accounts.security_stamp ELSE excluded.security_stamp END
            RETURNING account_id
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(Sql, new
        {
            userName,
            displayName,
            passwordHash,
            role,
            divisionCode,
            stamp = Guid.NewGuid().ToString("N"),
            now = time.GetUtcNow(),
        }, cancellationToken: cancellationToken));
    }

    /// <summary>Replaces the boards a moderator works on; returns the ids that name no registered board (not assigned).</summary>
    public async Task<IReadOnlyList<string>> AssignBoardsAsync(long accountId, IReadOnlyCollection<string> boardIds, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM moderator_boards WHERE account_id = @accountId", new { accountId }, transaction, cancellationToken: cancellationToken));
        var missing = new List<string>();
        foreach (var boardId in boardIds.Distinct(StringComparer.Ordinal))
        {
            var added = await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO moderator_boards (account_id, board_id) SELECT @accountId, board_id FROM boards WHERE board_id = @boardId",
                new { accountId, boardId }, transaction, cancellationToken: cancellationToken));
            if (added == 0)
            {
                missing.Add(boardId);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return missing;
    }

    public async Task<IReadOnlyList<string>> BoardsOfAsync(string userName, CancellationToken cancellationToken)
    {
        const string Sql = """
            SELECT mb.board_id FROM moderator_boards mb JOIN accounts a ON a.account_id = mb.account_id
            WHERE a.user_name = @userName ORDER BY mb.board_id
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<string>(new CommandDefinition(Sql, new { userName }, cancellationToken: cancellationToken))];
    }
}
