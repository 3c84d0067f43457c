namespace Moderation.Api.Review.Claim;

/// <summary>A claim granted: the token to decide with, and until when it holds.</summary>
public sealed record ClaimView(long CaseId, int Version, DateTimeOffset ExpiresAt, string ClaimedBy);
