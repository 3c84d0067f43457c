using Moderation.Contracts;
using Moderation.Outbox;

namespace Moderation.Api.Posts;

/// <summary>
/// A post's decisions, from the messages its operator was sent about it. The latest decision that
/// applies to the newest revision is the one the forum must follow: a verdict on an older revision
/// no longer does, an order covers every revision.
/// </summary>
public static class PostHistory
{
    public static IReadOnlyList<PostDecision> Of(IEnumerable<ForumFeedItem> messages) =>
    [
        .. messages.Select(m => m.Message switch
        {
            PostVerdict verdict => new PostDecision
            {
                Stage = verdict.Stage,
                Action = verdict.Action,
                Revision = verdict.Revision,
                Score = verdict.Score,
                DecidedAt = verdict.DecidedAt,
                Cursor = m.Cursor,
            },
            TakedownRequested order => new PostDecision
            {
                Stage = VerdictStage.Order,
                Action = VerdictAction.Remove,
                DecidedAt = order.IssuedAt,
                OrderId = order.OrderId,
                Deadline = order.Deadline,
                Cursor = m.Cursor,
            },
            _ => null,
        }).OfType<PostDecision>(),
    ];

    /// <summary>The decision the forum must follow for <paramref name="revision"/>, or null before the first.</summary>
    public static PostDecision? Current(IReadOnlyList<PostDecision> history, int revision) =>
        history.LastOrDefault(d => d.Revision is null || d.Revision == revision);

    /// <summary>The latest verdict on <paramref name="revision"/>: its score and reasons are the ones that stand.</summary>
    public static PostVerdict? LatestVerdict(IEnumerable<ForumFeedItem> messages, int revision) =>
        messages.Select(m => m.Message).OfType<PostVerdict>().LastOrDefault(v => v.Revision == revision);
}
