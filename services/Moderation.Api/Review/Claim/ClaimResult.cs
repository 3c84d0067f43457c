namespace Moderation.Api.Review.Claim;

/// <summary>
/// The outcome of a claim. On success <see cref="Version"/> is the fencing token: a decision is
/// accepted only with the token of the current claim, so a claim that was lost (expired, taken over)
/// can never decide the case.
/// </summary>
public sealed record ClaimResult(bool Claimed, int Version, DateTimeOffset? ExpiresAt, string? HeldBy, string? Refusal)
{
    public static ClaimResult NotFound(long caseId) => new(false, 0, null, null, $"There is no case {caseId}.");
}
