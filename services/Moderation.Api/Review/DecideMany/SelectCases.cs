using System.Security.Claims;
using Moderation.Api.Review.Cases;
using Moderation.Api.Review.Listing;

namespace Moderation.Api.Review.DecideMany;

/// <summary>
/// Resolves a bulk selection on the server: every open case matching a queue filter ("select all
/// matching"), or the cases a moderator ticked, each within the caller's scope. Nothing is claimed.
/// </summary>
public sealed class SelectCases(ListCases cases, CaseAccess access)
{
    /// <summary>The open cases the filter matches, listed only when no more than <see cref="DecideManyCases.MaxCases"/>.</summary>
    public async Task<CaseSelection> MatchingAsync(ClaimsPrincipal user, CaseFilter filter, CancellationToken cancellationToken)
    {
        // Bulk decisions act on open cases only; the page's cursor does not narrow "all matching".
        var open = filter with { Status = ReviewCaseStatus.Open, After = null, Limit = DecideManyCases.MaxCases };
        var count = await cases.CountAsync(user, open, cancellationToken);
        var listed = count <= DecideManyCases.MaxCases ? (await cases.ListAsync(user, open, cancellationToken)).Cases : [];
        return new CaseSelection(count, DecideManyCases.MaxCases, listed);
    }

    /// <summary>The ticked cases the caller may see, in the order given; the others are left out.</summary>
    public async Task<CaseSelection> ChosenAsync(ClaimsPrincipal user, IReadOnlyList<long> caseIds, CancellationToken cancellationToken)
    {
        var found = new List<ReviewCaseSummary>();
        foreach (var caseId in caseIds.Distinct().Take(DecideManyCases.MaxCases + 1))
        {
            if (await access.FindAsync(user, caseId, cancellationToken) is { } detail)
            {
                found.Add(detail.Case);
            }
        }

        return new CaseSelection(found.Count, DecideManyCases.MaxCases, found);
    }
}
