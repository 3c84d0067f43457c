namespace Moderation.Storage.Incidents;

/// <summary>The incident and the notifications written for it; <see cref="DepartmentId"/> is null when no department covers the board.</summary>
public sealed record IncidentOpened(long IncidentId, string? DepartmentId, IReadOnlyList<long> NotificationIds, bool Created);
