namespace Moderation.Api.Review.DecideMany;

/// <summary>One decision and reason for a selection of cases.</summary>
public sealed record BulkDecisionBody(long[]? CaseIds, string? Decision, string? Reason, string? RequestId);
