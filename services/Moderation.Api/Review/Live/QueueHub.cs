using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Moderation.Api.Security;
using Moderation.Security;
using Moderation.Storage.Accounts;

namespace Moderation.Api.Review.Live;

/// <summary>
/// Live queue updates. A connection joins the groups of the boards its user may see, so nobody is
/// told about another tenant's cases; the server only pushes, clients never send.
/// </summary>
[Authorize(Policy = AccessPolicies.Moderator)]
public sealed class QueueHub(AccountRepository accounts) : Hub
{
    public const string Path = "/hubs/queue";
    public const string EverythingGroup = "boards:all";

    public static string BoardGroup(string boardId) => "board:" + boardId;

    public override async Task OnConnectedAsync()
    {
        var user = Context.User!;
        if (user.IsAdmin())
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, EverythingGroup);
        }
        else
        {
            foreach (var board in await accounts.BoardsOfAsync(user.ActorName(), Context.ConnectionAborted))
            {
                await Groups.AddToGroupAsync(Context.ConnectionId, BoardGroup(board));
            }
        }

        await base.OnConnectedAsync();
    }
}
