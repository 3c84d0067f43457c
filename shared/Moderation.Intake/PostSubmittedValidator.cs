using System.Buffers;
using Moderation.Contracts;

namespace Moderation.Intake;

/// <summary>
/// Checks a submitted post before anything else looks at it and says, per field, what is wrong and
/// what to send instead, so a forum developer can fix the integration from the message alone.
/// </summary>
public static class PostSubmittedValidator
{
    public const int MaxIdLength = 128;
    public const int MaxTitleLength = 1_000;
    public const int MaxBodyLength = 200_000;
    public const int MaxRevision = 1_000_000;

    private static readonly SearchValues<char> BoardIdCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-");

    /// <summary>Whether <paramref name="id"/> can name a board: at most <see cref="MaxIdLength"/> letters, digits, '.', '_' or '-'.</summary>
    public static bool IsBoardId(string? id) =>
        !string.IsNullOrWhiteSpace(id) && id.Length <= MaxIdLength && !id.AsSpan().ContainsAnyExcept(BoardIdCharacters);

    /// <summary>Returns the problems found, empty when the post is well formed.</summary>
    public static IReadOnlyList<PostProblem> Validate(PostSubmitted post, DateTimeOffset now)
    {
        var problems = new List<PostProblem>();
        // The contract says these are never null, but a plain-JSON forum may leave them out.
        var boardId = (string?)post.BoardId;
        var postId = (string?)post.PostId;
        var authorId = (string?)post.AuthorId;
        var body = (string?)post.Body;

        if (string.IsNullOrWhiteSpace(boardId))
        {
            problems.Add(new("boardId", "boardId is missing: send the id of the registered board the post was written on."));
        }
        else if (!IsBoardId(boardId))
        {
            problems.Add(new("boardId", $"boardId '{Shorten(boardId)}' is not a board id: use at most {MaxIdLength} letters, digits, '.', '_' or '-'."));
        }

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

        if (post.Title is { Length: > MaxTitleLength })
        {
            problems.Add(new("title", $"title is {post.Title.Length} characters long; at most {MaxTitleLength} are accepted."));
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

        return problems;
    }

    private static void CheckId(List<PostProblem> problems, string field, string? value, string meaning)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add(new(field, $"{field} is missing: send {meaning}."));
        }
        else if (value.Length > MaxIdLength || value.AsSpan().ContainsAnyInRange('\0', '\u001f'))
        {
            problems.Add(new(field, $"{field} '{Shorten(value)}' is not usable: at most {MaxIdLength} characters, no control characters."));
        }
    }

    private static string Shorten(string value) => value.Length <= 40 ? value : string.Concat(value.AsSpan(0, 40), "…");
}
