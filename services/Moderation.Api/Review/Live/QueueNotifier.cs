using Microsoft.AspNetCore.SignalR;

namespace Moderation.Api.Review.Live;

/// <summary>Pushes <see cref="CaseChanged"/> to the queues that may see the case (through the Redis backplane when distributed).</summary>
public sealed class QueueNotifier(IHubContext<QueueHub> hub, ILogger<QueueNotifier> logger)
{
    public const string Method = "caseChanged";

    public async Task NotifyAsync(CaseChanged change)
    {
        try
        {
            await hub.Clients.Groups(QueueHub.BoardGroup(change.BoardId), QueueHub.EverythingGroup).SendAsync(Method, change);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A missed live update costs a refresh, never correctness: the database decided already.
            logger.LogWarning(ex, "Could not push the change of case {CaseId} to open queues", change.CaseId);
        }
    }
}
