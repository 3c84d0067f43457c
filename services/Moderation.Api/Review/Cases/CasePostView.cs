using Moderation.Storage.Review;

namespace Moderation.Api.Review.Cases;

/// <summary>A post of a case as the API shows it: the evidence kept until the decision, never the fingerprint's hashes.</summary>
public sealed record CasePostView(string BoardId, string PostId, int Revision, string Action, string AuthorId, string? Title, string? MaskedExcerpt, IReadOnlyList<string> Categories, string? SimHash, DateTimeOffset JoinedAt)
{
    public static CasePostView Of(CasePost post)
    {
        ArgumentNullException.ThrowIfNull(post);
        return new(post.BoardId, post.PostId, post.Revision, post.Action, post.AuthorId, post.Title, post.MaskedExcerpt, post.CategoryList, post.SimHashText, post.JoinedAt);
    }
}
