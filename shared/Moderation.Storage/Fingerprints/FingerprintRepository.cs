using System.Buffers.Binary;
using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;
using Moderation.Storage.Database;

namespace Moderation.Storage.Fingerprints;

/// <summary>
/// Protected documents by id, with their hashes: the system of record the scanners' fingerprint
/// index is built from (directly, or through the Redis mirror). A registered document is immutable,
/// so a match always names exactly the fingerprint that produced it.
/// </summary>
public sealed class FingerprintRepository(ModerationDatabase database, TimeProvider time)
{
    private const string SummaryColumns = "document_id, title, division_code, registered_by, registered_at, hash_count";

    /// <summary>Registers the document with its hashes in one transaction; idempotent by document id.</summary>
    public async Task<RegistrationOutcome> RegisterAsync(ProtectedDocument document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        const string Insert = """
            INSERT INTO protected_documents (document_id, title, division_code, registered_by, registered_at, parameters_json, simhash, hash_count, checksum)
            VALUES (@DocumentId, @Title, @DivisionCode, @RegisteredBy, @RegisteredAt, @ParametersJson, @SimHash, @HashCount, @Checksum)
            ON CONFLICT (document_id) DO NOTHING
            """;
        long[] hashes = [.. document.Hashes.Distinct().Order()];
        string checksum = Checksum(document.ParametersJson, document.SimHash, hashes);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        int inserted = await connection.ExecuteAsync(new CommandDefinition(Insert, new
        {
            document.DocumentId,
            document.Title,
            document.DivisionCode,
            document.RegisteredBy,
            RegisteredAt = time.GetUtcNow(),
            document.ParametersJson,
            document.SimHash,
            HashCount = hashes.Length,
            Checksum = checksum,
        }, transaction, cancellationToken: cancellationToken));
        if (inserted == 0)
        {
            string? existing = await connection.ExecuteScalarAsync<string>(new CommandDefinition(
                "SELECT checksum FROM protected_documents WHERE document_id = @DocumentId", new { document.DocumentId }, transaction, cancellationToken: cancellationToken));
            return existing == checksum ? RegistrationOutcome.Unchanged : RegistrationOutcome.Conflict;
        }

        await InsertHashesAsync(connection, transaction, document.DocumentId, hashes, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return RegistrationOutcome.Created;
    }

    /// <summary>Every registered document with its hashes, oldest registration first.</summary>
    public async Task<IReadOnlyList<ProtectedDocument>> LoadAllAsync(CancellationToken cancellationToken)
    {
        const string Documents = """
            SELECT document_id, title, division_code, registered_by, registered_at, parameters_json, simhash
            FROM protected_documents
            ORDER BY registered_at, document_id
            """;
        const string Hashes = "SELECT document_id, hash FROM protected_document_hashes ORDER BY document_id, hash";
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<DocumentRow>(new CommandDefinition(Documents, cancellationToken: cancellationToken))).ToList();
        var hashes = new Dictionary<string, List<long>>(StringComparer.Ordinal);
        foreach (HashRow row in await connection.QueryAsync<HashRow>(new CommandDefinition(Hashes, cancellationToken: cancellationToken)))
        {
            if (!hashes.TryGetValue(row.DocumentId, out List<long>? list))
            {
                hashes[row.DocumentId] = list = [];
            }

            list.Add(row.Hash);
        }

        return [.. rows.Select(r => r.ToDocument(hashes.TryGetValue(r.DocumentId, out List<long>? list) ? list : []))];
    }

    /// <summary>One document with its hashes, or null when no document has that id.</summary>
    public async Task<ProtectedDocument?> FindAsync(string documentId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        DocumentRow? row = await connection.QuerySingleOrDefaultAsync<DocumentRow>(new CommandDefinition(
            "SELECT document_id, title, division_code, registered_by, registered_at, parameters_json, simhash FROM protected_documents WHERE document_id = @documentId",
            new { documentId }, cancellationToken: cancellationToken));
        if (row is null)
        {
            return null;
        }

        IEnumerable<long> hashes = await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT hash FROM protected_document_hashes WHERE document_id = @documentId ORDER BY hash", new { documentId }, cancellationToken: cancellationToken));
        return row.ToDocument([.. hashes]);
    }

    public async Task<IReadOnlyList<ProtectedDocumentSummary>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        IEnumerable<SummaryRow> rows = await connection.QueryAsync<SummaryRow>(new CommandDefinition(
            $"SELECT {SummaryColumns} FROM protected_documents ORDER BY registered_at DESC, document_id", cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToSummary())];
    }

    public async Task<ProtectedDocumentSummary?> FindSummaryAsync(string documentId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        SummaryRow? row = await connection.QuerySingleOrDefaultAsync<SummaryRow>(new CommandDefinition(
            $"SELECT {SummaryColumns} FROM protected_documents WHERE document_id = @documentId", new { documentId }, cancellationToken: cancellationToken));
        return row?.ToSummary();
    }

    /// <summary>How many documents are registered: a cheap check that a copy of the index (the Redis mirror) is complete.</summary>
    public async Task<int> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT COUNT(*) FROM protected_documents", cancellationToken: cancellationToken));
    }

    /// <summary>All hashes in one statement: an array parameter on PostgreSQL, a JSON array on SQLite.</summary>
    private Task InsertHashesAsync(DbConnection connection, DbTransaction transaction, string documentId, long[] hashes, CancellationToken cancellationToken)
    {
        const string Postgres = """
            INSERT INTO protected_document_hashes (document_id, hash)
            SELECT @documentId, h FROM unnest(@hashes) AS h
            """;
        const string Sqlite = """
            INSERT INTO protected_document_hashes (document_id, hash)
            SELECT @documentId, value FROM json_each(@hashes)
            """;
        return database.Provider == StorageProvider.Postgres
            ? connection.ExecuteAsync(new CommandDefinition(Postgres, new { documentId, hashes }, transaction, cancellationToken: cancellationToken))
            : connection.ExecuteAsync(new CommandDefinition(Sqlite, new { documentId, hashes = JsonSerializer.Serialize(hashes) }, transaction, cancellationToken: cancellationToken));
    }

    private static string Checksum(string parametersJson, long simHash, long[] hashes)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes(parametersJson));
        Span<byte> value = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(value, simHash);
        sha.AppendData(value);
        foreach (long hash in hashes)
        {
            BinaryPrimitives.WriteInt64LittleEndian(value, hash);
            sha.AppendData(value);
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private sealed class DocumentRow
    {
        public string DocumentId { get; init; } = "";

        public string? Title { get; init; }

        public string? DivisionCode { get; init; }

        public string RegisteredBy { get; init; } = "";

        public DateTimeOffset RegisteredAt { get; init; }

        public string ParametersJson { get; init; } = "";

        public long Simhash { get; init; }

        public ProtectedDocument ToDocument(IReadOnlyList<long> hashes) => new()
        {
            DocumentId = DocumentId,
            Title = Title,
            DivisionCode = DivisionCode?.Trim(),
            ParametersJson = ParametersJson,
            SimHash = Simhash,
            Hashes = hashes,
            RegisteredBy = RegisteredBy,
            RegisteredAt = RegisteredAt,
        };
    }

    private sealed class HashRow
    {
        public string DocumentId { get; init; } = "";

        public long Hash { get; init; }
    }

    private sealed class SummaryRow
    {
        public string DocumentId { get; init; } = "";

        public string? Title { get; init; }

        public string? DivisionCode { get; init; }

        public string RegisteredBy { get; init; } = "";

        public DateTimeOffset RegisteredAt { get; init; }

        public int HashCount { get; init; }

        public ProtectedDocumentSummary ToSummary() => new()
        {
            DocumentId = DocumentId,
            Title = Title,
            DivisionCode = DivisionCode?.Trim(),
            RegisteredBy = RegisteredBy,
            RegisteredAt = RegisteredAt,
            HashCount = HashCount,
        };
    }
}
