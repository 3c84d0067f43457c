using System.Security.Claims;
using Moderation.Security;
using Moderation.Storage.Accounts;
using Moderation.Api.Review.Listing;
using Moderation.Verdicts.Divisions;

namespace Moderation.Api.Review.Cases;

/// <summary>
/// What the caller may see of the queue: an administrator everything, a moderator the boards
/// assigned to them, an officer the boards of their jurisdiction. Anyone else nothing.
/// </summary>
public sealed record CaseScope(IReadOnlyCollection<string>? Boards, string? DivisionPrefix, bool Everything)
{
    public static async Task<CaseScope> OfAsync(ClaimsPrincipal user, AccountRepository accounts, CancellationToken cancellationToken)
    {
        if (user.IsAdmin())
        {
            return new CaseScope(null, null, true);
        }

        if (user.IsInRole(AccountRoles.Moderator))
        {
            return new CaseScope(await accounts.BoardsOfAsync(user.ActorName(), cancellationToken), null, false);
        }

        if (user.IsInRole(AccountRoles.Officer) && user.Area() is { } area)
        {
            return new CaseScope(null, DivisionCode.AreaPrefix(area), false);
        }

        return new CaseScope([], null, false);
    }

    public CaseFilter Apply(CaseFilter filter) => filter with { ScopeBoards = Boards, ScopeDivisionPrefix = DivisionPrefix };

    public bool Covers(ReviewCaseSummary c) =>
        Everything
        || (Boards is { } boards && boards.Contains(c.BoardId))
        || (DivisionPrefix is { } prefix && c.DivisionCode.StartsWith(prefix, StringComparison.Ordinal));
}
