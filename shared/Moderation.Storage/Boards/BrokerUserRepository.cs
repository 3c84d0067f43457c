using Dapper;
using Moderation.Storage.Database;

namespace Moderation.Storage.Boards;

/// <summary>
/// The broker users issued to forum operators (table <c>broker_users</c>). A user is live from its
/// issue until it expires (a rotation gave it an end) or is retired (deleted at the broker); every
/// live user of an operator is that operator when a message's sender is checked
/// (<see cref="BoardRepository.FindOperatorByAmqpUserAsync"/>).
/// </summary>
public sealed class BrokerUserRepository(ModerationDatabase database)
{
    public async Task AddAsync(string userName, string operatorId, DateTimeOffset issuedAt, CancellationToken cancellationToken)
    {
        const string Sql = """
            INSERT INTO broker_users (user_name, operator_id, issued_at)
            VALUES (@userName, @operatorId, @issuedAt)
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(Sql, new { userName, operatorId, issuedAt }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Ends every live user of the operator but <paramref name="exceptUser"/> at
    /// <paramref name="expiresAt"/>, or earlier if a previous rotation already set an earlier end.
    /// </summary>
    public async Task ExpireOthersAsync(string operatorId, string exceptUser, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        const string Sql = """
            UPDATE broker_users
            SET expires_at = @expiresAt
            WHERE operator_id = @operatorId AND user_name <> @exceptUser AND retired_at IS NULL
              AND (expires_at IS NULL OR expires_at > @expiresAt)
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(Sql, new { operatorId, exceptUser, expiresAt }, cancellationToken: cancellationToken));
    }

    /// <summary>Ends one user at <paramref name="expiresAt"/> (a user whose creation failed half-way).</summary>
    public async Task ExpireAsync(string userName, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        const string Sql = "UPDATE broker_users SET expires_at = @expiresAt WHERE user_name = @userName AND retired_at IS NULL";
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(Sql, new { userName, expiresAt }, cancellationToken: cancellationToken));
    }

    /// <summary>Users that still exist at the broker although their time is up, oldest end first.</summary>
    public async Task<IReadOnlyList<IssuedBrokerUser>> ExpiredAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        const string Sql = """
            SELECT user_name, operator_id, issued_at, expires_at, retired_at FROM broker_users
            WHERE retired_at IS NULL AND expires_at <= @now
            ORDER BY expires_at, user_name
            LIMIT @limit
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<IssuedBrokerUser>(new CommandDefinition(Sql, new { now, limit }, cancellationToken: cancellationToken))).AsList();
    }

    /// <summary>Every user of the operator not yet retired, expiring or not (what a revocation deletes).</summary>
    public async Task<IReadOnlyList<IssuedBrokerUser>> UnretiredAsync(string operatorId, CancellationToken cancellationToken)
    {
        const string Sql = """
            SELECT user_name, operator_id, issued_at, expires_at, retired_at FROM broker_users
            WHERE operator_id = @operatorId AND retired_at IS NULL
            ORDER BY issued_at, user_name
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<IssuedBrokerUser>(new CommandDefinition(Sql, new { operatorId }, cancellationToken: cancellationToken))).AsList();
    }

    public async Task<IssuedBrokerUser?> FindAsync(string userName, CancellationToken cancellationToken)
    {
        const string Sql = "SELECT user_name, operator_id, issued_at, expires_at, retired_at FROM broker_users WHERE user_name = @userName";
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<IssuedBrokerUser>(new CommandDefinition(Sql, new { userName }, cancellationToken: cancellationToken));
    }

    /// <summary>Records that the user was deleted at the broker; it no longer counts as its operator.</summary>
    public async Task RetireAsync(string userName, DateTimeOffset retiredAt, CancellationToken cancellationToken)
    {
        const string Sql = "UPDATE broker_users SET retired_at = @retiredAt WHERE user_name = @userName AND retired_at IS NULL";
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(Sql, new { userName, retiredAt }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Forgets a user whose creation at the broker could not be completed, so no row claims a user
    /// that does not exist.
    /// </summary>
    public async Task DeleteAsync(string userName, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM broker_users WHERE user_name = @userName", new { userName }, cancellationToken: cancellationToken));
    }
}

/// <summary>One issued broker user of an operator.</summary>
public sealed record IssuedBrokerUser
{
    public required string UserName { get; init; }

    public required string OperatorId { get; init; }

    public DateTimeOffset IssuedAt { get; init; }

    /// <summary>Set by a rotation: the user stops counting, and is deleted at the broker, from then.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    public DateTimeOffset? RetiredAt { get; init; }
}
