namespace Moderation.Storage.Incidents;

/// <summary>
/// The incident for a revision. <see cref="Created"/> is false when one was already open for it
/// (the scan removed the post and a moderator then confirmed it): nothing new was written.
/// </summary>
public sealed record IncidentOpened(long IncidentId, bool Created);
