using System.Data.Common;
using System.Security.Cryptography;
using Dapper;
using Moderation.Storage.Database;
using Moderation.Storage.Rules;

namespace Moderation.Storage.Models;

/// <summary>
/// The model registry: model files by version with their figures, which one is active, and the
/// activation history that rollbacks walk back through. A version is
/// immutable once imported, so a scan's recorded model version names exactly the model that scored it.
/// </summary>
public sealed class ModelRepository(ModerationDatabase database, TimeProvider time)
{
    private const string Columns = """
        version, sha256, size_bytes, recipe, data_hash, training_examples, metadata_json, roc_auc, recall_at_hold,
        fpr_at_hold, status, imported_at, imported_by, activated_at, activated_by
        """;

    public async Task<ImportOutcome> ImportAsync(ModelRegistration model, byte[] content, string importedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(content);
        const string Insert = """
            INSERT INTO models (version, sha256, content, size_bytes, recipe, data_hash, training_examples, metadata_json,
                                roc_auc, recall_at_hold, fpr_at_hold, status, imported_at, imported_by)
            VALUES (@Version, @sha256, @content, @size, @Recipe, @DataHash, @TrainingExamples, @MetadataJson,
                    @RocAuc, @RecallAtHold, @FprAtHold, 'Imported', @now, @importedBy)
            ON CONFLICT (version) DO NOTHING
            """;
        string sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
        await using var connection = await database.OpenAsync(cancellationToken);
        int inserted = await connection.ExecuteAsync(new CommandDefinition(Insert, new
        {
            model.Version,
            sha256,
            content,
            size = content.Length,
            model.Recipe,
            model.DataHash,
            model.TrainingExamples,
            model.MetadataJson,
            model.RocAuc,
            model.RecallAtHold,
            model.FprAtHold,
            now = time.GetUtcNow(),
            importedBy,
        }, cancellationToken: cancellationToken));
        if (inserted > 0)
        {
            return ImportOutcome.Created;
        }

        string? existing = await connection.ExecuteScalarAsync<string>(new CommandDefinition(
            "SELECT sha256 FROM models WHERE version = @Version", new { model.Version }, cancellationToken: cancellationToken));
        return existing == sha256 ? ImportOutcome.Unchanged : ImportOutcome.VersionConflict;
    }

    public async Task<StoredModel?> FindAsync(string version, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<StoredModel>(new CommandDefinition(
            $"SELECT {Columns} FROM models WHERE version = @version", new { version }, cancellationToken: cancellationToken));
    }

    /// <summary>The model file as imported.</summary>
    public async Task<byte[]?> ContentAsync(string version, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<byte[]>(new CommandDefinition(
            "SELECT content FROM models WHERE version = @version", new { version }, cancellationToken: cancellationToken));
    }

    /// <summary>The active model's version; null when none was activated (the default applies). One cheap query, for the periodic check.</summary>
    public async Task<string?> ActiveVersionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT version FROM models WHERE status = 'Active'", cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<StoredModel>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<StoredModel>(new CommandDefinition(
            $"SELECT {Columns} FROM models ORDER BY imported_at DESC, version", cancellationToken: cancellationToken));
        return [.. rows];
    }

    /// <summary>Makes <paramref name="version"/> the active model and retires the one it replaces, in one transaction.</summary>
    public async Task<ModelChange> ActivateAsync(string version, string activatedBy, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await ExistsAsync(connection, transaction, version, cancellationToken))
        {
            await transaction.RollbackAsync(cancellationToken);
            return ModelChange.NotFound;
        }

        string? current = await ActiveAsync(connection, transaction, cancellationToken);
        if (current != version)
        {
            await SwitchAsync(connection, transaction, version, current, "Activate", activatedBy, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return ModelChange.Done;
    }

    /// <summary>
    /// Returns to the model the active one replaced when it was activated, and records that rollback
    /// as replacing it with what that model had replaced: a second rollback goes one step further back.
    /// </summary>
    /// <returns>The outcome and the version now active.</returns>
    public async Task<(ModelChange Change, string? Version)> RollBackAsync(string activatedBy, CancellationToken cancellationToken)
    {
        const string LastActivation = """
            SELECT replaced_version FROM model_activations WHERE version = @version ORDER BY activation_id DESC LIMIT 1
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        string? current = await ActiveAsync(connection, transaction, cancellationToken);
        string? previous = current is null ? null : await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            LastActivation, new { version = current }, transaction, cancellationToken: cancellationToken));
        if (previous is null)
        {
            await transaction.RollbackAsync(cancellationToken);
            return (ModelChange.NothingToRollBackTo, current);
        }

        string? beforePrevious = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            LastActivation, new { version = previous }, transaction, cancellationToken: cancellationToken));
        await SwitchAsync(connection, transaction, previous, current, "Rollback", activatedBy, cancellationToken, recordReplaced: beforePrevious);
        await transaction.CommitAsync(cancellationToken);
        return (ModelChange.Done, previous);
    }

    private async Task SwitchAsync(
        DbConnection connection, DbTransaction transaction, string version, string? current, string kind, string activatedBy, CancellationToken cancellationToken, string? recordReplaced = null)
    {
        DateTimeOffset now = time.GetUtcNow();
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE models SET status = 'Retired' WHERE status = 'Active'", transaction: transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE models SET status = 'Active', activated_at = @now, activated_by = @activatedBy WHERE version = @version",
            new { version, activatedBy, now }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO model_activations (version, replaced_version, kind, activated_at, activated_by)
            VALUES (@version, @replaced, @kind, @now, @activatedBy)
            """, new { version, replaced = kind == "Rollback" ? recordReplaced : current, kind, now, activatedBy }, transaction, cancellationToken: cancellationToken));
    }

    private static async Task<bool> ExistsAsync(DbConnection connection, DbTransaction transaction, string version, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM models WHERE version = @version", new { version }, transaction, cancellationToken: cancellationToken)) > 0;

    private static Task<string?> ActiveAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT version FROM models WHERE status = 'Active'", transaction: transaction, cancellationToken: cancellationToken));
}
