using Moderation.Contracts;

namespace Moderation.Intake;

/// <summary>
/// Checks a submitted post before anything else looks at it and says, per field, what is wrong and
/// what to send instead, so a forum developer can fix the integration from the message alone.
/// </summary>
public static class PostSubmittedValidator
{
    public const int MaxTitleLength = 1_000;
    public const int MaxBodyLength = 200_000;
    public const int MaxRevision = 1_000_000;
    public const int MaxSourceLength = 500;

    /// <summary>Returns the problems found, empty when the post is well formed.</summary>
    public static IReadOnlyList<PostProblem> Validate(PostSubmitted post, DateTimeOffset now)
    {
        var problems = new List<PostProblem>();
        // The contract says these are never null, but a plain-JSON forum may leave them out.
        var boardId = (string?)post.BoardId;
        var postId = (string?)post.PostId;
        var authorId = (string?)post.AuthorId;
        var body = (string?)post.Body;

        CheckId(problems, "boardId", boardId, "the id of the registered board the post was written on");
        CheckId(problems, "postId", postId, "the forum's own id of the post");
        CheckId(problems, "authorId", authorId, "the forum's own id of the author");

        if (post.Revision is < 0 or > MaxRevision)
        {
            problems.Add(new("revision", $"revision {post.Revision} is out of range: send 0 for a new post and add 1 for every edit (at most {MaxRevision})."));
        }

        if (!Enum.IsDefined(post.Channel))
        {
            problems.Add(new("channel", $"channel is not known: send one of {string.Join(", ", Enum.GetNames<Channel>())}."));
        }

        if (body is null)
        {
            problems.Add(new("body", "body is missing: send the post's text in 'body' (an empty string if the post has only a title)."));
        }
        else if (body.Length > MaxBodyLength)
        {
            problems.Add(new("body", $"body is {body.Length} characters long; at most {MaxBodyLength} are accepted. Split the post or send its text without attachments."));
        }
        else
        {
            CheckText(problems, "body", body);
        }

        if (post.Title is { Length: > MaxTitleLength })
        {
            problems.Add(new("title", $"title is {post.Title.Length} characters long; at most {MaxTitleLength} are accepted."));
        }
        else if (post.Title is { } title)
        {
            CheckText(problems, "title", title);
        }

        if (post.SubmittedAt == default)
        {
            problems.Add(new("submittedAt", "submittedAt is missing: send the time the post was written, as ISO-8601 with an offset (e.g. 2026-11-24T08:30:00+08:00)."));
        }
        else if (post.SubmittedAt > now.AddMinutes(5))
        {
            problems.Add(new("submittedAt", $"submittedAt {post.SubmittedAt:O} is in the future: check the forum server's clock and time zone."));
        }

        if (post.Source is { } source && string.IsNullOrWhiteSpace((string?)source.Outlet))
        {
            problems.Add(new("source.outlet", "source.outlet is missing: name where republished material was taken from, or leave out 'source' for original posts."));
        }
        else if (post.Source is { } republished)
        {
            CheckText(problems, "source.outlet", republished.Outlet);
            if (republished.ConsentReference is { } consent)
            {
                CheckText(problems, "source.consentReference", consent);
            }
        }

        if (post.Source is { Outlet.Length: > MaxSourceLength })
        {
            problems.Add(new("source.outlet", $"source.outlet is {post.Source.Outlet.Length} characters long; at most {MaxSourceLength} are accepted: name the outlet (site, paper or board), not the article."));
        }

        if (post.Source is { ConsentReference.Length: > MaxSourceLength })
        {
            problems.Add(new("source.consentReference", $"source.consentReference is {post.Source.ConsentReference.Length} characters long; at most {MaxSourceLength} are accepted: send the reference of the consent, not its text."));
        }

        return problems;
    }

    private static void CheckId(List<PostProblem> problems, string field, string? value, string meaning)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add(new(field, $"{field} is missing: send {meaning}."));
        }
        else if (WireText.IdProblem(field, value) is { } problem)
        {
            problems.Add(new(field, problem));
        }
    }

    /// <summary>
    /// Refused, not stripped: the verdict's spans count characters of the text as the forum sent it,
    /// so text with characters taken out would be marked in the wrong places.
    /// </summary>
    private static void CheckText(List<PostProblem> problems, string field, string value)
    {
        if (WireText.ControlCharacterProblem(field, value) is { } problem)
        {
            problems.Add(new(field, problem));
        }
    }
}
