using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Moderation.Storage.Audit;

namespace Moderation.Api.Review.Cases;

/// <summary>
/// The audit row of a case action, written in the action's own transaction so the log never claims
/// what did not happen (nor misses what did). One subject per case, which the case page reads back.
/// </summary>
public static class CaseAudit
{
    public static string Subject(long caseId) => "case:" + caseId.ToString(CultureInfo.InvariantCulture);

    public static Task AppendAsync(AuditLog audit, DbConnection connection, DbTransaction transaction, string actor, string action, long caseId, object details, CancellationToken cancellationToken) =>
        audit.AppendAsync(connection, transaction, new AuditEntry(actor, action, Subject(caseId), JsonSerializer.Serialize(details, JsonOptions)), cancellationToken);

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
}
