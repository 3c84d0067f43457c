namespace Moderation.Api.Orders;

/// <summary>Body of <c>POST /api/v1/rectifications</c>.</summary>
public sealed record RectificationRequest(string? BoardId, string? Requirements, DateTimeOffset? Deadline);
