using System.Data.Common;
using Dapper;

namespace Moderation.Storage.Incidents;

/// <summary>The measures an incident records with their times (Art. 10, 16): what was done, when, by whom.</summary>
public static class IncidentMeasures
{
    /// <summary>The post was removed (verdict Remove to the forum).</summary>
    public const string Removed = "Removed";

    /// <summary>A notification reached the department.</summary>
    public const string Reported = "Reported";

    /// <summary>The department confirmed receipt.</summary>
    public const string Acknowledged = "Acknowledged";

    /// <summary>The post's text was erased from every table and cache (Art. 7).</summary>
    public const string Purged = "Purged";

    /// <summary>A department ordered the forum to delete the post.</summary>
    public const string TakedownRequested = "TakedownRequested";

    /// <summary>The forum reported the post deleted.</summary>
    public const string TakedownCompleted = "TakedownCompleted";

    internal static Task AddAsync(DbConnection connection, DbTransaction transaction, long incidentId, string kind, string? detail, string takenBy, DateTimeOffset takenAt, CancellationToken cancellationToken)
    {
        const string Sql = """
            INSERT INTO incident_measures (incident_id, kind, detail, taken_by, taken_at)
            VALUES (@incidentId, @kind, @detail, @takenBy, @takenAt)
            """;
        return connection.ExecuteAsync(new CommandDefinition(Sql, new { incidentId, kind, detail, takenBy, takenAt }, transaction, cancellationToken: cancellationToken));
    }
}
