using System.Security.Claims;
using Moderation.Storage.Accounts;

namespace Moderation.Api.Review.Cases;

/// <summary>The cases a person may act on: every slice asks here before it touches a case for someone.</summary>
public sealed class CaseAccess(CaseReader cases, AccountRepository accounts)
{
    public Task<CaseScope> ScopeOfAsync(ClaimsPrincipal user, CancellationToken cancellationToken) =>
        CaseScope.OfAsync(user, accounts, cancellationToken);

    /// <summary>The case, or null when it does not exist or is outside the caller's scope (the same answer, on purpose).</summary>
    public async Task<ReviewCaseDetail?> FindAsync(ClaimsPrincipal user, long caseId, CancellationToken cancellationToken)
    {
        var detail = await cases.FindAsync(caseId, cancellationToken);
        if (detail is null)
        {
            return null;
        }

        var scope = await ScopeOfAsync(user, cancellationToken);
        return scope.Covers(detail.Case) ? detail : null;
    }
}
