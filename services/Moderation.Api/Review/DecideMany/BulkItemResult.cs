namespace Moderation.Api.Review.DecideMany;

/// <summary>One case of a bulk decision: decided, replayed, or why not.</summary>
public sealed record BulkItemResult(long CaseId, string Outcome, string? Problem);
