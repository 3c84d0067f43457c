using Dapper;
using Moderation.Storage.Database;

namespace Moderation.Storage.Accounts;

/// <summary>API keys of machine clients, looked up by the hash of the presented key.</summary>
public sealed class ApiKeyRepository(ModerationDatabase database, TimeProvider time)
{
    private const string Columns = "key_id, name, role, operator_id, division_code, created_by, created_at, revoked_at, valid_until";

    /// <summary>The active key with this value, or null when unknown, revoked, or past the overlap of a rotation.</summary>
    public async Task<ApiKey?> FindActiveAsync(string key, CancellationToken cancellationToken)
    {
        const string Sql = $"SELECT {Columns} FROM api_keys WHERE key_hash = @hash AND revoked_at IS NULL AND (valid_until IS NULL OR valid_until > @now)";
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ApiKey>(new CommandDefinition(Sql, new { hash = ApiKeySecret.Hash(key), now = time.GetUtcNow() }, cancellationToken: cancellationToken));
    }

    /// <summary>The operator's forum keys that still work (<see cref="FindActiveAsync"/>'s rule), newest first.</summary>
    public async Task<IReadOnlyList<ApiKey>> ListActiveForOperatorAsync(string operatorId, CancellationToken cancellationToken)
    {
        const string Sql = $"""
            SELECT {Columns} FROM api_keys
            WHERE operator_id = @operatorId AND role = 'machine' AND revoked_at IS NULL AND (valid_until IS NULL OR valid_until > @now)
            ORDER BY created_at DESC
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<ApiKey>(new CommandDefinition(Sql, new { operatorId, now = time.GetUtcNow() }, cancellationToken: cancellationToken))];
    }

    /// <summary>
    /// A new forum key for the operator under <paramref name="name"/>; every earlier key of the
    /// operator keeps working until <paramref name="previousValidUntil"/> (null: they stay as they are).
    /// </summary>
    public async Task<ApiKey> IssueForOperatorAsync(string operatorId, string name, string key, DateTimeOffset? previousValidUntil, string createdBy, CancellationToken cancellationToken)
    {
        const string Expire = """
            UPDATE api_keys SET valid_until = @previousValidUntil
            WHERE operator_id = @operatorId AND role = 'machine' AND revoked_at IS NULL
              AND (valid_until IS NULL OR valid_until > @previousValidUntil)
            """;
        const string Insert = $"""
            INSERT INTO api_keys (key_id, name, key_hash, role, operator_id, created_by, created_at)
            VALUES (@keyId, @name, @hash, 'machine', @operatorId, @createdBy, @now)
            RETURNING {Columns}
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (previousValidUntil is not null)
        {
            await connection.ExecuteAsync(new CommandDefinition(Expire, new { operatorId, previousValidUntil }, transaction, cancellationToken: cancellationToken));
        }

        var issued = await connection.QuerySingleAsync<ApiKey>(new CommandDefinition(Insert, new
        {
            keyId = ApiKeySecret.IdOf(key),
            name,
            hash = ApiKeySecret.Hash(key),
            operatorId,
            createdBy,
            now = time.GetUtcNow(),
        }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return issued;
    }

    /// <summary>Revokes every forum key of the operator at once; returns how many were still active.</summary>
    public async Task<int> RevokeOperatorAsync(string operatorId, CancellationToken cancellationToken)
    {
        const string Sql = "UPDATE api_keys SET revoked_at = @now WHERE operator_id = @operatorId AND role = 'machine' AND revoked_at IS NULL";
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(Sql, new { operatorId, now = time.GetUtcNow() }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken)
    {
        const string Sql = $"SELECT {Columns} FROM api_keys ORDER BY name";
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<ApiKey>(new CommandDefinition(Sql, cancellationToken: cancellationToken))];
    }

    /// <summary>
    /// Stores <paramref name="key"/> under <paramref name="name"/>, replacing (and un-revoking) a key of that
    /// name: provisioning the same name again rotates its key.
    /// </summary>
    public async Task<ApiKey> SaveAsync(string name, string key, string role, string? operatorId, string? divisionCode, string createdBy, CancellationToken cancellationToken)
    {
        if (!AccountRoles.Keys.Contains(role))
        {
            throw new ArgumentException($"API key role '{role}' is not one of {string.Join(", ", AccountRoles.Keys)}.", nameof(role));
        }

        const string Sql = $"""
            INSERT INTO api_keys (key_id, name, key_hash, role, operator_id, division_code, created_by, created_at)
            VALUES (@keyId, @name, @hash, @role, @operatorId, @divisionCode, @createdBy, @now)
            ON CONFLICT (name) DO UPDATE SET
                key_id = excluded.key_id, key_hash = excluded.key_hash, role = excluded.role,
                operator_id = excluded.operator_id, division_code = excluded.division_code, revoked_at = NULL, valid_until = NULL
            RETURNING {Columns}
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleAsync<ApiKey>(new CommandDefinition(Sql, new
        {
            keyId = ApiKeySecret.IdOf(key),
            name,
            hash = ApiKeySecret.Hash(key),
            role,
            operatorId,
            divisionCode,
            createdBy,
            now = time.GetUtcNow(),
        }, cancellationToken: cancellationToken));
    }

    public async Task<bool> RevokeAsync(string keyId, CancellationToken cancellationToken)
    {
        const string Sql = "UPDATE api_keys SET revoked_at = @now WHERE key_id = @keyId AND revoked_at IS NULL";
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(Sql, new { keyId, now = time.GetUtcNow() }, cancellationToken: cancellationToken)) == 1;
    }
}
