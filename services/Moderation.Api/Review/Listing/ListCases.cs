using System.Security.Claims;
using Moderation.Api.Review.Cases;

namespace Moderation.Api.Review.Listing;

/// <summary>The queue as the caller may see it: every listing narrowed to their scope first.</summary>
public sealed class ListCases(ListCasesSql sql, CaseAccess access)
{
    public async Task<CasePage> ListAsync(ClaimsPrincipal user, CaseFilter filter, CancellationToken cancellationToken)
    {
        var scope = await access.ScopeOfAsync(user, cancellationToken);
        return await sql.ListAsync(scope.Apply(filter), cancellationToken);
    }

    public async Task<long> CountAsync(ClaimsPrincipal user, CaseFilter filter, CancellationToken cancellationToken)
    {
        var scope = await access.ScopeOfAsync(user, cancellationToken);
        return await sql.CountAsync(scope.Apply(filter), cancellationToken);
    }

    /// <summary>The boards the caller may filter by.</summary>
    public async Task<IReadOnlyList<(string BoardId, string Name)>> BoardsAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var scope = await access.ScopeOfAsync(user, cancellationToken);
        return await sql.BoardsAsync(scope.Boards, scope.DivisionPrefix, cancellationToken);
    }
}
