using Moderation.Contracts;
using Moderation.Storage.Posts;

namespace Moderation.Intake;

public static class PostRecords
{
    /// <summary>The stored form of a submitted revision.</summary>
    public static PostRecord FromSubmission(PostSubmitted post, DateTimeOffset receivedAt) => new()
    {
        BoardId = post.BoardId,
        PostId = post.PostId,
        Revision = post.Revision,
        Channel = post.Channel.ToString(),
        AuthorId = post.AuthorId,
        Title = post.Title,
        Body = post.Body,
        SubmittedAt = post.SubmittedAt,
        ReceivedAt = receivedAt,
        SourceOutlet = post.Source?.Outlet,
        SourceConsent = post.Source?.ConsentReference,
    };

    /// <summary>The submission a stored revision came from, to queue it again.</summary>
    public static PostSubmitted ToSubmission(PostRecord post) => new()
    {
        BoardId = post.BoardId,
        PostId = post.PostId,
        Revision = post.Revision,
        Channel = Enum.TryParse<Channel>(post.Channel, out var channel) ? channel : Channel.Bbs,
        AuthorId = post.AuthorId,
        Title = post.Title,
        Body = post.Body,
        SubmittedAt = post.SubmittedAt,
        Source = post.SourceOutlet is null ? null : new PostSource { Outlet = post.SourceOutlet, ConsentReference = post.SourceConsent },
    };
}
