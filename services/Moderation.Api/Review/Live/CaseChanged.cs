namespace Moderation.Api.Review.Live;

/// <summary>Sent to every open queue of the case's board when a case is claimed, released, decided or its claim expires.</summary>
public sealed record CaseChanged(long CaseId, string BoardId, string Change, string Status, string? ClaimedBy, DateTimeOffset? ClaimExpiresAt, int Version, string? Actor);
