using System.Globalization;
using Moderation.Api.Review.Cases;
using Moderation.Contracts;

namespace Moderation.Api.Review.Listing;

/// <summary>
/// Reads the queue's filter from a query string (API and page alike), naming each bad field, so that
/// every value that reaches the query is in range: no age that reaches past the calendar, no sort
/// the queue does not have, no cursor of another sort.
/// </summary>
public static class QueueQuery
{
    /// <summary>The longest age a filter may ask for; further back than this no case is open.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(3650);

    /// <summary>The longest category name a filter may hold.</summary>
    public const int MaxCategoryLength = 100;

    /// <summary>The longest search text: a phrase, not a document.</summary>
    public const int MaxTextLength = 200;

    public static CaseFilter Parse(IQueryCollection query, DateTimeOffset now, out Dictionary<string, string[]> problems)
    {
        var found = new Dictionary<string, string[]>();
        string? Text(string name) => query[name].FirstOrDefault() is { Length: > 0 } value ? value.Trim() : null;

        double? Score(string name)
        {
            if (Text(name) is not { } text)
            {
                return null;
            }

            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var score) && score is >= 0 and <= 1)
            {
                return score;
            }

            found[name] = [$"{name} must be a score between 0 and 1, such as 0.7."];
            return null;
        }

        TimeSpan? Age(string name)
        {
            if (Text(name) is not { } text)
            {
                return null;
            }

            if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var age) && age >= TimeSpan.Zero && age <= MaxAge)
            {
                return age;
            }

            found[name] = [$"{name} must be a duration from 00:00:00 to {MaxAge.Days}.00:00:00 (ten years), such as 01:30:00 (hours:minutes:seconds) or 2.00:00:00 (two days)."];
            return null;
        }

        var sort = CaseSort.Priority;
        if (Text("sort") is { } sortText)
        {
            // By name only: Enum.TryParse would also take "999" as a sort the queue does not have.
            var named = Enum.GetValues<CaseSort>().Where(s => string.Equals(s.ToString(), sortText, StringComparison.OrdinalIgnoreCase)).ToList();
            if (named.Count == 1)
            {
                sort = named[0];
            }
            else
            {
                found["sort"] = ["sort must be priority, score or oldest."];
            }
        }

        var board = Id("board");

        var category = Text("category");
        if (category is { Length: > MaxCategoryLength })
        {
            found["category"] = [string.Create(CultureInfo.InvariantCulture, $"category is {category.Length} characters long; a category name has at most {MaxCategoryLength}.")];
            category = null;
        }

        string? Id(string name)
        {
            var id = Text(name);
            if (id is not null && WireText.IdProblem(name, id) is { } problem)
            {
                found[name] = [problem];
                return null;
            }

            return id;
        }

        var post = Id("post");
        var author = Id("author");
        var text = Text("q");
        if (text is { Length: > MaxTextLength })
        {
            found["q"] = [string.Create(CultureInfo.InvariantCulture, $"q is {text.Length} characters long; search for at most {MaxTextLength}.")];
            text = null;
        }

        var after = Text("after");
        if (after is not null && found.ContainsKey("sort"))
        {
            // A cursor is issued for one sort; with the sort refused, the page lists from the start rather than guess.
            found["after"] = ["after is left out because sort is not one the queue has: start again from the first page."];
            after = null;
        }
        else if (after is not null && CaseCursor.Parse(after, sort) is null)
        {
            found["after"] = [$"after '{WireText.Printable(after)}' is not a page cursor this queue issued for sort {sort.ToString().ToLowerInvariant()}: start again from the first page (leave out after)."];
            after = null;
        }

        var status = Text("state") ?? ReviewCaseStatus.Open;
        var knownStatus = ReviewCaseStatus.All.FirstOrDefault(s => string.Equals(s, status, StringComparison.OrdinalIgnoreCase));
        if (knownStatus is null)
        {
            found["state"] = [$"state must be one of {string.Join(", ", ReviewCaseStatus.All)}."];
        }

        var limit = 50;
        if (Text("limit") is { } limitText && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > 500))
        {
            found["limit"] = ["limit must be a whole number from 1 to 500."];
        }

        var minAge = Age("minAge");
        var maxAge = Age("maxAge");
        var filter = new CaseFilter
        {
            Board = board,
            Category = category,
            Text = text,
            PostId = post,
            AuthorId = author,
            MinScore = Score("minScore"),
            MaxScore = Score("maxScore"),
            OpenedBefore = minAge is { } older ? now - older : null,
            OpenedAfter = maxAge is { } younger ? now - younger : null,
            Status = knownStatus ?? ReviewCaseStatus.Open,
            Sort = sort,
            After = after,
            Limit = limit,
        };
        problems = found;
        return filter;
    }
}
