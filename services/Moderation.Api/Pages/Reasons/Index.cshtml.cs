using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Moderation.Api.Review.Listing;
using Moderation.Api.Review.Reasons;
using Moderation.Api.Security;
using Moderation.Security;

namespace Moderation.Api.Pages.Reasons;

/// <summary>Administrators keep each board's canned reasons: one a line, in the order the forms offer them.</summary>
[Authorize(Policy = AccessPolicies.Admin)]
public sealed class IndexModel(ListCases cases, CannedReasons reasons) : PageModel
{
    public IReadOnlyList<(string BoardId, string Name)> Boards { get; private set; } = [];

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Reasons { get; private set; } = new Dictionary<string, IReadOnlyList<string>>();

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Boards = await cases.BoardsAsync(User, cancellationToken);
        Reasons = await reasons.ForBoardsAsync([.. Boards.Select(b => b.BoardId)], cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(string? boardId, string? reasonLines, CancellationToken cancellationToken)
    {
        var board = (await cases.BoardsAsync(User, cancellationToken)).FirstOrDefault(b => b.BoardId == boardId);
        if (board.BoardId is null)
        {
            return NotFound();
        }

        var list = CannedReasons.Normalise((reasonLines ?? "").Split('\n'));
        var problems = CannedReasons.Problems(list);
        if (problems.Count > 0)
        {
            Message = $"Not saved for {board.Name}: " + string.Join(" ", problems);
            return Redirect("/reasons");
        }

        await reasons.ReplaceAsync(board.BoardId, list, User.ActorName(), cancellationToken);
        Message = $"Saved {list.Count} canned reason(s) for {board.Name}.";
        return Redirect("/reasons");
    }
}
