using System.Security.Claims;
using Microsoft.Extensions.Options;
using Moderation.Api.Review.Cases;
using Moderation.Api.Review.Leases;
using Moderation.Api.Review.Live;
using Moderation.Security;
using Moderation.Storage.Review;

namespace Moderation.Api.Review.Claim;

/// <summary>
/// Claims a case for the caller: the lease answers at once when someone else clearly holds it, the
/// database's fenced claim decides, and every open queue is told.
/// </summary>
public sealed class ClaimCase(
    CaseAccess access,
    CaseReader cases,
    ClaimCaseSql sql,
    ICaseLeases leases,
    QueueNotifier notifier,
    IOptions<ReviewQueueOptions> options,
    TimeProvider time)
{
    public TimeSpan Lease => options.Value.ClaimLease;

    /// <summary>Null when the case is not the caller's to see; otherwise the claim or why not.</summary>
    public async Task<ClaimResult?> ClaimAsync(ClaimsPrincipal user, long caseId, CancellationToken cancellationToken)
    {
        var detail = await access.FindAsync(user, caseId, cancellationToken);
        if (detail is null)
        {
            return null;
        }

        var actor = user.ActorName();
        var holder = await leases.TryAcquireAsync(caseId, actor, Lease, cancellationToken);
        if (holder is not null)
        {
            // The lease says someone else; believe it only if the database agrees (a lease can outlive a crash).
            var current = (await cases.FindAsync(caseId, cancellationToken))!.Case;
            if (current.ClaimedBy == holder && current.IsClaimedAt(time.GetUtcNow()))
            {
                return new ClaimResult(false, current.Version, current.ClaimExpiresAt, holder,
                    $"Case {caseId} is claimed by {holder} until {current.ClaimExpiresAt:u}.");
            }
        }

        var result = await sql.ClaimAsync(caseId, actor, Lease, cancellationToken);
        if (result.Claimed)
        {
            await leases.OverwriteAsync(caseId, actor, Lease, cancellationToken);
            await notifier.NotifyAsync(new CaseChanged(caseId, detail.Case.BoardId, "claimed", ReviewCaseStatus.Open, actor, result.ExpiresAt, result.Version, actor));
        }
        else if (holder is null)
        {
            await leases.ReleaseAsync(caseId, actor, cancellationToken);
        }

        return result;
    }
}
