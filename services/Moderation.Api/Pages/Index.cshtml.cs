using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Moderation.Storage.Accounts;

namespace Moderation.Api.Pages;

/// <summary>The start page: moderators go straight to their queue.</summary>
[Authorize]
public sealed class IndexModel : PageModel
{
    public string Role { get; private set; } = "";

    public IActionResult OnGet()
    {
        if (User.IsInRole(AccountRoles.Moderator) || User.IsInRole(AccountRoles.Admin))
        {
            return Redirect("/queue");
        }

        Role = User.FindFirstValue(ClaimTypes.Role) ?? "";
        return Page();
    }
}
