using Dapper;
using Moderation.Storage.Database;

namespace Moderation.Storage.Accounts;

/// <summary>
/// Failed sign-ins in a row per user name (as typed, whether or not an account has it) and client
/// address, and how long that pair is blocked. Keyed by both, so an unknown name is counted exactly
/// like a real one, and failures from one address cannot lock the account's owner out from another.
/// </summary>
public sealed class SignInAttemptRepository(ModerationDatabase database)
{
    /// <summary>Until when the pair is blocked; null when it is not (or was, and that time has passed).</summary>
    public async Task<DateTimeOffset?> BlockedUntilAsync(string userKey, string source, DateTimeOffset now, CancellationToken cancellationToken)
    {
        const string Sql = """
            SELECT blocked_until FROM sign_in_attempts
            WHERE user_key = @userKey AND source = @source AND blocked_until > @now
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<DateTimeOffset?>(
            new CommandDefinition(Sql, new { userKey, source, now }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Counts a failure and blocks the pair for <paramref name="blockFor"/>(failures in a row), when that
    /// gives a time. A failure after <paramref name="forgetAfter"/> without one starts the count again.
    /// Returns the count and the block.
    /// </summary>
    public async Task<(int Failures, DateTimeOffset? BlockedUntil)> RecordFailureAsync(
        string userKey, string source, DateTimeOffset now, TimeSpan forgetAfter, Func<int, TimeSpan?> blockFor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blockFor);
        const string Count = """
            INSERT INTO sign_in_attempts (user_key, source, failures, last_failure_at)
            VALUES (@userKey, @source, 1, @now)
            ON CONFLICT (user_key, source) DO UPDATE SET
                failures = CASE WHEN sign_in_attempts.last_failure_at < @forgetBefore THEN 1 ELSE sign_in_attempts.failures + 1 END,
                last_failure_at = excluded.last_failure_at
            RETURNING failures
            """;
        const string Block = "UPDATE sign_in_attempts SET blocked_until = @until WHERE user_key = @userKey AND source = @source";
        await using var connection = await database.OpenAsync(cancellationToken);
        int failures = await connection.ExecuteScalarAsync<int>(
            new CommandDefinition(Count, new { userKey, source, now, forgetBefore = now - forgetAfter }, cancellationToken: cancellationToken));
        DateTimeOffset? until = blockFor(failures) is { } block ? now + block : null;
        if (until is not null)
        {
            await connection.ExecuteAsync(new CommandDefinition(Block, new { userKey, source, until }, cancellationToken: cancellationToken));
        }

        return (failures, until);
    }

    /// <summary>A successful sign-in: the pair starts again from nothing.</summary>
    public async Task ClearAsync(string userKey, string source, CancellationToken cancellationToken)
    {
        const string Sql = "DELETE FROM sign_in_attempts WHERE user_key = @userKey AND source = @source";
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(Sql, new { userKey, source }, cancellationToken: cancellationToken));
    }

    /// <summary>Removes pairs whose last failure is older than <paramref name="before"/>; returns how many.</summary>
    public async Task<int> ForgetAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        const string Sql = "DELETE FROM sign_in_attempts WHERE last_failure_at < @before AND (blocked_until IS NULL OR blocked_until < @before)";
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(Sql, new { before }, cancellationToken: cancellationToken));
    }
}
