using System.Data.Common;
using System.Text.Json;
using Dapper;
using Moderation.Storage.Audit;
using Moderation.Storage.Database;

namespace Moderation.Api.Review.Reasons;

/// <summary>
/// Each board's canned reasons, in the order an administrator gave them: the decision forms offer
/// them so a moderator picks a reason instead of typing the same words all day. Read by the queue and
/// case pages and the API; written only by administrators, a board's whole list at once.
/// </summary>
public sealed class CannedReasons(ModerationDatabase database, AuditLog audit, TimeProvider time)
{
    /// <summary>The most reasons a board keeps.</summary>
    public const int MaxReasons = 30;

    /// <summary>The longest reason, well under a decision reason's limit so a moderator can add to it.</summary>
    public const int MaxReasonLength = 200;

    /// <summary>The reasons of each of <paramref name="boardIds"/> that has any.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> ForBoardsAsync(IReadOnlyCollection<string> boardIds, CancellationToken cancellationToken)
    {
        if (boardIds.Count == 0)
        {
            return new Dictionary<string, IReadOnlyList<string>>();
        }

        var sql = database.Provider == StorageProvider.Postgres
            ? "SELECT board_id, reason FROM canned_reasons WHERE board_id = ANY(@boards) ORDER BY board_id, position"
            : "SELECT board_id, reason FROM canned_reasons WHERE board_id IN @boards ORDER BY board_id, position";
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string BoardId, string Reason)>(new CommandDefinition(sql, new { boards = boardIds.ToArray() }, cancellationToken: cancellationToken));
        return rows.GroupBy(r => r.BoardId).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(r => r.Reason)]);
    }

    /// <summary>Replaces the board's list (an empty list removes it), audited in the same transaction.</summary>
    public async Task ReplaceAsync(string boardId, IReadOnlyList<string> reasons, string actor, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM canned_reasons WHERE board_id = @boardId", new { boardId }, transaction, cancellationToken: cancellationToken));
        await InsertAsync(connection, transaction, boardId, reasons, actor, cancellationToken);
        await audit.AppendAsync(connection, transaction, new AuditEntry(actor, "board.canned-reasons", "board:" + boardId,
            JsonSerializer.Serialize(new { reasons }, JsonSerializerOptions.Web)), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// What is wrong with a list an administrator sent, one message per problem, or none. Blank lines
    /// are left out and each reason trimmed before this is asked.
    /// </summary>
    public static List<string> Problems(IReadOnlyList<string> reasons)
    {
        var problems = new List<string>();
        if (reasons.Count > MaxReasons)
        {
            problems.Add($"reasons holds {reasons.Count} reasons; a board keeps at most {MaxReasons}.");
        }

        for (var i = 0; i < reasons.Count; i++)
        {
            if (reasons[i].Length > MaxReasonLength)
            {
                problems.Add($"reason {i + 1} is {reasons[i].Length} characters long; at most {MaxReasonLength}.");
            }
        }

        foreach (var twice in reasons.GroupBy(r => r, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add($"\"{twice.Key}\" is listed {twice.Count()} times; list each reason once.");
        }

        return problems;
    }

    /// <summary>A list as an administrator types it: one reason a line, trimmed, blank lines left out.</summary>
    public static IReadOnlyList<string> Normalise(IEnumerable<string?> reasons) =>
        [.. reasons.Select(r => r?.Trim()).Where(r => !string.IsNullOrEmpty(r)).Select(r => r!)];

    private async Task InsertAsync(DbConnection connection, DbTransaction transaction, string boardId, IReadOnlyList<string> reasons, string actor, CancellationToken cancellationToken)
    {
        const string Sql = """
            INSERT INTO canned_reasons (board_id, position, reason, updated_by, updated_at)
            VALUES (@boardId, @position, @reason, @actor, @now)
            """;
        var now = time.GetUtcNow();
        for (var i = 0; i < reasons.Count; i++)
        {
            await connection.ExecuteAsync(new CommandDefinition(Sql, new { boardId, position = i, reason = reasons[i], actor, now }, transaction, cancellationToken: cancellationToken));
        }
    }
}
