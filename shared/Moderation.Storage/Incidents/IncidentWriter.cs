using System.Data.Common;
using Dapper;

namespace Moderation.Storage.Incidents;

/// <summary>
/// Opens an incident with its department notification inside the caller's transaction, so the
/// incident exists exactly when the decision that caused it (a scan's Remove verdict, a moderator's
/// Confirm) is committed. The one place both paths go through.
/// </summary>
public static class IncidentWriter
{
    public static async Task<IncidentOpened> OpenAsync(DbConnection connection, DbTransaction transaction, IncidentOpening incident, CancellationToken cancellationToken)
    {
        // One incident per revision: a Confirm of a post the scan already removed finds it open.
        const string InsertIncident = """
            INSERT INTO incidents (board_id, post_id, revision, scan_id, division_code, score, masked_excerpt, status, detected_at)
            VALUES (@BoardId, @PostId, @Revision, @ScanId, @DivisionCode, @Score, @MaskedExcerpt, 'Open', @DetectedAt)
            ON CONFLICT (board_id, post_id, revision) DO NOTHING
            RETURNING incident_id
            """;
        const string FindIncident = """
            SELECT incident_id FROM incidents WHERE board_id = @BoardId AND post_id = @PostId AND revision = @Revision
            """;
        const string InsertNotification = """
            INSERT INTO notification_outbox (incident_id, kind, division_code, payload_json, created_at)
            VALUES (@IncidentId, 'IncidentReport', @DivisionCode, @PayloadJson, @DetectedAt)
            """;

        var incidentId = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(InsertIncident, new
        {
            incident.BoardId,
            incident.PostId,
            incident.Revision,
            incident.ScanId,
            incident.DivisionCode,
            incident.Score,
            incident.MaskedExcerpt,
            incident.DetectedAt,
        }, transaction, cancellationToken: cancellationToken));
        if (incidentId is null)
        {
            var existing = await connection.ExecuteScalarAsync<long>(new CommandDefinition(FindIncident,
                new { incident.BoardId, incident.PostId, incident.Revision }, transaction, cancellationToken: cancellationToken));
            return new IncidentOpened(existing, Created: false);
        }

        await connection.ExecuteAsync(new CommandDefinition(InsertNotification, new
        {
            IncidentId = incidentId,
            incident.DivisionCode,
            PayloadJson = incident.NotificationPayloadJson,
            incident.DetectedAt,
        }, transaction, cancellationToken: cancellationToken));
        return new IncidentOpened(incidentId.Value, Created: true);
    }
}
