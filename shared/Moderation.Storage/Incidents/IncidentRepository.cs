using Dapper;
using Moderation.Storage.Database;
using Moderation.Storage.Departments;
using Moderation.Verdicts.Divisions;

namespace Moderation.Storage.Incidents;

/// <summary>Incidents for officers (scoped to a jurisdiction), their measures, and the purge of the secret text (Art. 7).</summary>
public sealed class IncidentRepository(ModerationDatabase database, TimeProvider time)
{
    private const string SummarySql = """
        SELECT i.incident_id, i.board_id, b.name AS board_name, i.post_id, i.revision, i.division_code, i.department_id,
               i.operator_id, i.opened_by, i.score, i.masked_excerpt, i.status, i.detected_at, i.acknowledged_at,
               i.acknowledged_by, i.purged_at, i.rules_json, i.fingerprints_json
          FROM incidents i LEFT JOIN boards b ON b.board_id = i.board_id
        """;

    /// <summary>Incidents on boards within <paramref name="area"/> (a division code; its whole area), newest first.</summary>
    public async Task<IReadOnlyList<IncidentSummary>> ListAsync(string area, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<IncidentSummary>(new CommandDefinition(
            SummarySql + " WHERE i.division_code LIKE @Pattern ORDER BY i.detected_at DESC, i.incident_id DESC LIMIT @limit",
            new { Pattern = DivisionCode.AreaPattern(area), limit }, cancellationToken: cancellationToken));
        return [.. rows.Select(Trimmed)];
    }

    public async Task<IncidentSummary?> FindAsync(long incidentId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<IncidentSummary>(new CommandDefinition(
            SummarySql + " WHERE i.incident_id = @incidentId", new { incidentId }, cancellationToken: cancellationToken));
        return row is null ? null : Trimmed(row);
    }

    public async Task<IReadOnlyList<MeasureRecord>> MeasuresAsync(long incidentId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<MeasureRecord>(new CommandDefinition(
            "SELECT measure_id, incident_id, kind, detail, taken_by, taken_at FROM incident_measures WHERE incident_id = @incidentId ORDER BY taken_at, measure_id",
            new { incidentId }, cancellationToken: cancellationToken))];
    }

    /// <summary>
    /// Incidents whose text must go: handed off (a notification was delivered) or past their purge time.
    /// </summary>
    public async Task<IReadOnlyList<PurgeCandidate>> DueForPurgeAsync(int limit, CancellationToken cancellationToken)
    {
        const string Sql = """
            SELECT i.incident_id, i.board_id, i.post_id, i.revision
              FROM incidents i
             WHERE i.purged_at IS NULL
               AND (i.purge_after <= @Now
                    OR EXISTS (SELECT 1 FROM notification_outbox n WHERE n.incident_id = i.incident_id AND n.delivered_at IS NOT NULL))
             ORDER BY i.incident_id
             LIMIT @limit
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<PurgeCandidate>(new CommandDefinition(Sql, new { Now = time.GetUtcNow(), limit }, cancellationToken: cancellationToken))];
    }

    /// <summary>
    /// Erases the post's title and body (every revision up to the reported one, since each holds the
    /// same material) and every queued message to a forum that quotes them (of the messages that may:
    /// <see cref="MessagesThatMayQuoteSql"/>), and records the measure,
    /// in one transaction. Department notifications are left alone: they never hold the text (the
    /// writer builds them from the masked excerpt), and blanking one would lose a report. The fingerprints, masked excerpt and metadata stay. Returns the erased texts so
    /// the caller can clear caches that might hold copies.
    /// </summary>
    public async Task<IReadOnlyList<string>> PurgeAsync(PurgeCandidate candidate, string takenBy, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var texts = (await connection.QueryAsync<(string? Title, string? Body)>(new CommandDefinition(
            "SELECT title, body FROM posts WHERE board_id = @BoardId AND post_id = @PostId AND revision <= @Revision",
            candidate, transaction, cancellationToken: cancellationToken)))
            .SelectMany(t => new[] { t.Title, t.Body })
            .Where(t => !string.IsNullOrWhiteSpace(t) && t.Length >= 8)
            .Select(t => t!)
            .Distinct()
            .ToList();
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE posts SET title = NULL, body = NULL WHERE board_id = @BoardId AND post_id = @PostId AND revision <= @Revision",
            candidate, transaction, cancellationToken: cancellationToken));

        var contains = database.Provider == StorageProvider.Postgres ? "strpos(payload_json, @Text) > 0" : "instr(payload_json, @Text) > 0";
        var outboxes = 0;
        foreach (var text in texts.SelectMany(JsonForms).Distinct())
        {
            // Function name is one of two constants; the text is a parameter.
            outboxes += await connection.ExecuteAsync(new CommandDefinition(
                $"UPDATE message_outbox SET payload_json = @Purged WHERE outbox_id IN ({MessagesThatMayQuoteSql}) AND {contains}",
                new { Text = text, Purged = PurgedPayload, candidate.BoardId, candidate.PostId }, transaction, cancellationToken: cancellationToken));
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE incidents SET purged_at = @Now WHERE incident_id = @IncidentId AND purged_at IS NULL",
            new { Now = now, candidate.IncidentId }, transaction, cancellationToken: cancellationToken));
        await IncidentMeasures.AddAsync(connection, transaction, candidate.IncidentId, IncidentMeasures.Purged,
            $"Title and body erased from {texts.Count} field(s); {outboxes} queued message(s) quoting them blanked.", takenBy, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return texts;
    }

    /// <summary>
    /// The messages to forums that may quote a post's text: those naming the post (its verdicts at
    /// every stage, rejections, takedowns of it; see <c>OutboundMessage.Posts</c>) and those naming
    /// no post at all, whatever they hold. A message naming other posts only is about them and carries
    /// none of this post's text (verdicts carry offsets and rule ids, never text). Both halves are read
    /// through an index (<c>message_outbox_posts_by_post</c>, and the partial
    /// <c>message_outbox_naming_no_post</c> of migration 0015), so a purge costs the post's own
    /// messages rather than a scan of every message ever sent, which the table keeps for the feed.
    /// </summary>
    internal const string MessagesThatMayQuoteSql = """
        SELECT outbox_id FROM message_outbox_posts WHERE board_id = @BoardId AND post_id = @PostId
        UNION ALL
        SELECT outbox_id FROM message_outbox WHERE NOT names_posts
        """;

    /// <summary>What a payload that quoted the text holds afterwards.</summary>
    public const string PurgedPayload = """{"purged":"the text of this message was erased (Art. 7)"}""";

    /// <summary>The text as it appears inside JSON: raw, and with the escapes serializers use.</summary>
    private static IEnumerable<string> JsonForms(string text)
    {
        yield return text;
        yield return System.Text.Json.JsonSerializer.Serialize(text, Moderation.Contracts.WireFormat.Options)[1..^1];
        yield return System.Text.Json.JsonSerializer.Serialize(text)[1..^1];
    }

    private static IncidentSummary Trimmed(IncidentSummary row) => row with { DivisionCode = row.DivisionCode.Trim() };
}
