using Moderation.Storage.Incidents;
using Moderation.Storage.Notifications;

namespace Moderation.Api.Incidents;

/// <summary>An incident with what was done about it and how each notification fared.</summary>
public sealed record IncidentDetail(IncidentSummary Incident, IReadOnlyList<MeasureRecord> Measures, IReadOnlyList<NotificationStatus> Notifications);
