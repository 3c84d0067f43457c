namespace Moderation.Api.Review.Reasons;

/// <summary>A board's whole list of canned reasons, in the order they are offered.</summary>
public sealed record CannedReasonsBody(string?[]? Reasons);
