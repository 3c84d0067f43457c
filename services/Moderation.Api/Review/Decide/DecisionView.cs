namespace Moderation.Api.Review.Decide;

/// <summary>A decision as stored; <see cref="Replayed"/> when this request had been decided before.</summary>
public sealed record DecisionView(long DecisionId, long CaseId, string Decision, string Reason, string DecidedBy, DateTimeOffset DecidedAt, int CaseVersion, bool Replayed, long? IncidentId);
