namespace Moderation.Api.Review.DecideMany;

/// <summary>
/// One decision and reason for a selection of cases. <see cref="ReleaseRemoved"/> confirms releasing the
/// cases of the selection the scan removed (each must also have been opened by the caller).
/// </summary>
public sealed record BulkDecisionBody(long[]? CaseIds, string? Decision, string? Reason, string? RequestId, bool? ReleaseRemoved = null);
