using System.Data.Common;
using System.Text.Json;
using Dapper;
using Moderation.Contracts;
using Moderation.Storage.Departments;
using Moderation.Storage.Tracing;
using Moderation.Verdicts.Incidents;

namespace Moderation.Storage.Incidents;

/// <summary>
/// Opens an incident in the caller's transaction, for both paths that find secret material (a Remove
/// verdict of the scan, a moderator's Confirm): routes it to the department at the board's division
/// code or the nearest one above, records the removal as its first measure, and writes one
/// notification per delivery endpoint of that department to the outbox, all in the same transaction.
/// Idempotent on (board, post, revision): a second opening returns the first incident. The report
/// and the incident's rules, model and fingerprints are written in <see cref="WireFormat"/>, the JSON
/// the department meets in every other message from the system.
/// </summary>
public static class IncidentWriter
{
    /// <summary>The PostgreSQL LISTEN/NOTIFY channel that announces new notifications.</summary>
    public const string NotificationChannel = "moderation_notifications";

    public static async Task<IncidentOpened> OpenAsync(DbConnection connection, DbTransaction transaction, IncidentOpening opening, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(opening);
        const string BoardSql = """
            SELECT b.name AS board_name, b.division_code, b.operator_id, o.name AS operator_name
              FROM boards b JOIN operators o ON o.operator_id = b.operator_id
             WHERE b.board_id = @BoardId
            """;
        const string InsertIncident = """
            INSERT INTO incidents (board_id, post_id, revision, scan_id, division_code, score, masked_excerpt, status, detected_at,
                                   operator_id, department_id, opened_by, review_case_id, rules_json, model_json, fingerprints_json, purge_after)
            VALUES (@BoardId, @PostId, @Revision, @ScanId, @DivisionCode, @Score, @MaskedExcerpt, 'Open', @DetectedAt,
                    @OperatorId, @DepartmentId, @OpenedBy, @ReviewCaseId, @RulesJson, @ModelJson, @FingerprintsJson, @PurgeAfter)
            ON CONFLICT (board_id, post_id, revision) DO NOTHING
            RETURNING incident_id
            """;
        const string InsertNotification = """
            INSERT INTO notification_outbox (incident_id, kind, division_code, payload_json, created_at, department_id, endpoint_id,
                                             channel, delivery_id, next_attempt_at, trace_parent)
            VALUES (@IncidentId, 'IncidentReport', @DivisionCode, @PayloadJson, @CreatedAt, @DepartmentId, @EndpointId,
                    @Channel, @DeliveryId, @CreatedAt, @TraceParent)
            RETURNING notification_id
            """;

        var board = await connection.QuerySingleAsync<BoardRow>(new CommandDefinition(BoardSql, new { opening.BoardId }, transaction, cancellationToken: cancellationToken));
        var divisionCode = board.DivisionCode.Trim();
        var department = await DepartmentRepository.RouteAsync(connection, transaction, divisionCode, cancellationToken);
        var incidentId = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(InsertIncident, new
        {
            opening.BoardId,
            opening.PostId,
            opening.Revision,
            opening.ScanId,
            DivisionCode = divisionCode,
            opening.Score,
            opening.MaskedExcerpt,
            opening.DetectedAt,
            board.OperatorId,
            department?.DepartmentId,
            opening.OpenedBy,
            opening.ReviewCaseId,
            RulesJson = JsonSerializer.Serialize(opening.Rules, WireFormat.Options),
            ModelJson = opening.ModelVersion is null ? null : JsonSerializer.Serialize(new { opening.ModelVersion, opening.ModelProbability }, WireFormat.Options),
            FingerprintsJson = JsonSerializer.Serialize(opening.Fingerprints, WireFormat.Options),
            PurgeAfter = opening.DetectedAt + opening.PurgeTextAfter,
        }, transaction, cancellationToken: cancellationToken));
        if (incidentId is null)
        {
            var existing = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT incident_id FROM incidents WHERE board_id = @BoardId AND post_id = @PostId AND revision = @Revision",
                new { opening.BoardId, opening.PostId, opening.Revision }, transaction, cancellationToken: cancellationToken));
            return new IncidentOpened(existing, department?.DepartmentId, [], Created: false);
        }

        await IncidentMeasures.AddAsync(connection, transaction, incidentId.Value, IncidentMeasures.Removed, opening.RemovalDetail, opening.OpenedBy, opening.DetectedAt, cancellationToken);

        // No department or no endpoint still gets a row: the Notifier routes it again when it comes
        // due, and dead-letters it with an alert if the directory still has nowhere to send it.
        var endpoints = department?.Endpoints.Where(e => e.Enabled).ToList() ?? [];
        var targets = endpoints.Count > 0 ? endpoints.Select(e => (DepartmentEndpoint?)e).ToList() : [null];
        var notificationIds = new List<long>();
        foreach (var endpoint in targets)
        {
            var deliveryId = Guid.CreateVersion7(opening.DetectedAt).ToString();
            var report = Report(opening, board, divisionCode, department?.DepartmentId, incidentId.Value, deliveryId);
            notificationIds.Add(await connection.ExecuteScalarAsync<long>(new CommandDefinition(InsertNotification, new
            {
                IncidentId = incidentId.Value,
                DivisionCode = divisionCode,
                PayloadJson = JsonSerializer.Serialize(report, WireFormat.Options),
                CreatedAt = opening.DetectedAt,
                department?.DepartmentId,
                endpoint?.EndpointId,
                Channel = endpoint?.Kind.ToString(),
                DeliveryId = deliveryId,
                TraceParent = StoredTraceContext.Current(),
            }, transaction, cancellationToken: cancellationToken)));
        }

        if (connection is Npgsql.NpgsqlConnection)
        {
            // Delivered to listening Notifiers when (and only if) the transaction commits, so they
            // start at once instead of at their next poll.
            await connection.ExecuteAsync(new CommandDefinition("SELECT pg_notify(@Channel, '')", new { Channel = NotificationChannel }, transaction, cancellationToken: cancellationToken));
        }

        return new IncidentOpened(incidentId.Value, department?.DepartmentId, notificationIds, Created: true);
    }

    private static IncidentReported Report(IncidentOpening opening, BoardRow board, string divisionCode, string? departmentId, long incidentId, string deliveryId) => new()
    {
        DeliveryId = deliveryId,
        IncidentId = incidentId,
        Source = opening.Source,
        BoardId = opening.BoardId,
        BoardName = board.BoardName,
        OperatorId = board.OperatorId,
        OperatorName = board.OperatorName,
        PostId = opening.PostId,
        Revision = opening.Revision,
        DivisionCode = divisionCode,
        DepartmentId = departmentId,
        Score = opening.Score,
        Rules = opening.Rules,
        ModelVersion = opening.ModelVersion,
        ModelProbability = opening.ModelProbability,
        MaskedExcerpt = opening.MaskedExcerpt,
        Fingerprints = opening.Fingerprints,
        DetectedAt = opening.DetectedAt,
        MeasuresTaken = [new IncidentMeasure { Kind = IncidentMeasures.Removed, Detail = opening.RemovalDetail, TakenBy = opening.OpenedBy, TakenAt = opening.DetectedAt }],
    };

    private sealed class BoardRow
    {
        public string BoardName { get; init; } = "";

        public string DivisionCode { get; init; } = "";

        public string OperatorId { get; init; } = "";

        public string? OperatorName { get; init; }
    }
}
