using System.Security.Cryptography;
using System.Text;
using Dapper;
using Moderation.Storage.Database;

namespace Moderation.Storage.Rules;

/// <summary>
/// Rule sets by version. A version is immutable once imported, so every scan's recorded version
/// names exactly the rules that produced it.
/// </summary>
public sealed class RuleSetRepository(ModerationDatabase database, TimeProvider time)
{
    private const string Columns = "version, source_json, checksum, rule_count, status, imported_at, imported_by, activated_at, activated_by";

    public async Task<ImportOutcome> ImportAsync(string version, string sourceJson, int ruleCount, string importedBy, CancellationToken cancellationToken)
    {
        const string Insert = """
            INSERT INTO rule_sets (version, source_json, checksum, rule_count, status, imported_at, imported_by)
            VALUES (@version, @sourceJson, @checksum, @ruleCount, 'Imported', @now, @importedBy)
            ON CONFLICT (version) DO NOTHING
            """;
        var checksum = Checksum(sourceJson);
        await using var connection = await database.OpenAsync(cancellationToken);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(Insert, new
        {
            version,
            sourceJson,
            checksum,
            ruleCount,
            now = time.GetUtcNow(),
            importedBy,
        }, cancellationToken: cancellationToken));
        if (inserted > 0)
        {
            return ImportOutcome.Created;
        }

        var existing = await connection.ExecuteScalarAsync<string>(new CommandDefinition(
            "SELECT checksum FROM rule_sets WHERE version = @version", new { version }, cancellationToken: cancellationToken));
        return existing == checksum ? ImportOutcome.Unchanged : ImportOutcome.VersionConflict;
    }

    public async Task<StoredRuleSet?> FindAsync(string version, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<StoredRuleSet>(new CommandDefinition(
            $"SELECT {Columns} FROM rule_sets WHERE version = @version", new { version }, cancellationToken: cancellationToken));
    }

    /// <summary>The active rule set, or null when none was activated (the embedded default applies).</summary>
    public async Task<StoredRuleSet?> FindActiveAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<StoredRuleSet>(new CommandDefinition(
            $"SELECT {Columns} FROM rule_sets WHERE status = 'Active'", cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<StoredRuleSet>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<StoredRuleSet>(new CommandDefinition(
            $"SELECT {Columns} FROM rule_sets ORDER BY imported_at DESC, version", cancellationToken: cancellationToken));
        return [.. rows];
    }

    /// <summary>
    /// Makes <paramref name="version"/> the active rule set and retires the previous one, in one
    /// transaction. Returns false when no such version was imported.
    /// </summary>
    public async Task<bool> ActivateAsync(string version, string activatedBy, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var exists = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM rule_sets WHERE version = @version", new { version }, transaction, cancellationToken: cancellationToken));
        if (exists == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE rule_sets SET status = 'Retired' WHERE status = 'Active' AND version <> @version", new { version }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE rule_sets SET status = 'Active', activated_at = @now, activated_by = @activatedBy WHERE version = @version",
            new { version, activatedBy, now = time.GetUtcNow() }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static string Checksum(string sourceJson) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sourceJson)));
}
