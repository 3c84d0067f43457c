using System.Security.Claims;
using Moderation.Api.Review.Cases;
using Moderation.Api.Review.Leases;
using Moderation.Api.Review.Live;
using Moderation.Security;

namespace Moderation.Api.Review.Release;

/// <summary>The caller gives their claim back before it expires; the case returns to every open queue.</summary>
public sealed class ReleaseClaim(CaseAccess access, ReleaseClaimSql sql, ICaseLeases leases, QueueNotifier notifier)
{
    /// <summary>Null when the case is not the caller's to see; otherwise whether they held that claim.</summary>
    public async Task<bool?> ReleaseAsync(ClaimsPrincipal user, long caseId, int version, CancellationToken cancellationToken)
    {
        var detail = await access.FindAsync(user, caseId, cancellationToken);
        if (detail is null)
        {
            return null;
        }

        var actor = user.ActorName();
        var released = await sql.ReleaseAsync(caseId, actor, version, cancellationToken);
        if (released)
        {
            await leases.ReleaseAsync(caseId, actor, cancellationToken);
            await notifier.NotifyAsync(new CaseChanged(caseId, detail.Case.BoardId, "released", ReviewCaseStatus.Open, null, null, version + 1, actor));
        }

        return released;
    }
}
