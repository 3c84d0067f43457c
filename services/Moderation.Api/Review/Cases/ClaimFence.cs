namespace Moderation.Api.Review.Cases;

/// <summary>
/// The claim's fencing, shared by every statement that changes a claimed case. A claim is a lease on
/// the case row and every claim, release, expiry and decision increments <c>version</c>; a change is
/// accepted only with the version the holder's claim returned, so a claim that was lost (expired,
/// taken over, renewed) can never act on the case. Redis leases in front of this are only a fast path.
/// </summary>
public static class ClaimFence
{
    /// <summary>The case is open and held by <c>@Actor</c> with the token <c>@ClaimVersion</c> (expired or not).</summary>
    public const string HeldWithToken = "case_id = @CaseId AND claimed_by = @Actor AND version = @ClaimVersion AND status = 'Open'";

    /// <summary>Ends the claim, whoever held it; the new version makes every earlier token stale.</summary>
    public const string Clear = "claimed_by = NULL, claim_expires_at = NULL, version = version + 1";
}
