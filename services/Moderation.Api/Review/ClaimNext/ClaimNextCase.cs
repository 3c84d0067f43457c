using System.Security.Claims;
using Moderation.Api.Review.Cases;
using Moderation.Api.Review.Claim;
using Moderation.Api.Review.Listing;
using Moderation.Security;

namespace Moderation.Api.Review.ClaimNext;

/// <summary>
/// "Claim next": the first case of the queue, in the filter's order, that the caller can claim now.
/// A case someone else holds is passed over; a claim lost to a faster moderator moves on to the next.
/// A case the caller already holds counts as free (the claim is renewed), so nothing they hold is skipped.
/// </summary>
public sealed class ClaimNextCase(ListCases cases, ClaimCase claims, TimeProvider time)
{
    // How far down the queue to look: a queue whose first hundred cases are all held by others is
    // a queue to filter, not to walk.
    private const int PageSize = 25;
    private const int Pages = 4;

    /// <summary>The case claimed and its claim, or null when no case of the filter is free.</summary>
    public async Task<(long CaseId, ClaimResult Claim)?> ClaimAsync(ClaimsPrincipal user, CaseFilter filter, CancellationToken cancellationToken)
    {
        var actor = user.ActorName();
        var page = filter with { Status = ReviewCaseStatus.Open, After = null, Limit = PageSize };
        for (var i = 0; i < Pages; i++)
        {
            var listed = await cases.ListAsync(user, page, cancellationToken);
            var now = time.GetUtcNow();
            foreach (var candidate in listed.Cases.Where(c => !c.IsClaimedAt(now) || c.ClaimedBy == actor))
            {
                var claim = await claims.ClaimAsync(user, candidate.CaseId, cancellationToken);
                if (claim is { Claimed: true })
                {
                    return (candidate.CaseId, claim);
                }
            }

            if (listed.Next is null)
            {
                break;
            }

            page = page with { After = listed.Next };
        }

        return null;
    }
}
