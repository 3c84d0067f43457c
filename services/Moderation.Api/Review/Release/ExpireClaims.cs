using Moderation.Api.Review.Cases;
using Moderation.Api.Review.Live;

namespace Moderation.Api.Review.Release;

/// <summary>Returns expired claims to the queue and tells the open queues.</summary>
public sealed class ExpireClaims(ExpireClaimsSql sql, CaseReader cases, QueueNotifier notifier)
{
    /// <summary>How many claims were returned.</summary>
    public async Task<int> ExpireAsync(CancellationToken cancellationToken)
    {
        var expired = await sql.ExpireAsync(cancellationToken);
        foreach (var caseId in expired)
        {
            var detail = await cases.FindAsync(caseId, cancellationToken);
            if (detail is not null)
            {
                await notifier.NotifyAsync(new CaseChanged(caseId, detail.Case.BoardId, "expired", detail.Case.Status, null, null, detail.Case.Version, "system"));
            }
        }

        return expired.Count;
    }
}
