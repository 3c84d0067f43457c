using System.Globalization;
using Moderation.Api.Review.Cases;

namespace Moderation.Api.Review.Listing;

/// <summary>Reads the queue's filter from a query string (API and page alike), naming each bad field.</summary>
public static class QueueQuery
{
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

            if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var age) && age >= TimeSpan.Zero)
            {
                return age;
            }

            found[name] = [$"{name} must be a duration such as 01:30:00 (hours:minutes:seconds) or 2.00:00:00 (two days)."];
            return null;
        }

        var sort = CaseSort.Priority;
        if (Text("sort") is { } sortText && !Enum.TryParse(sortText, ignoreCase: true, out sort))
        {
            found["sort"] = ["sort must be priority, score or oldest."];
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
            Board = Text("board"),
            Category = Text("category"),
            MinScore = Score("minScore"),
            MaxScore = Score("maxScore"),
            OpenedBefore = minAge is { } older ? now - older : null,
            OpenedAfter = maxAge is { } younger ? now - younger : null,
            Status = knownStatus ?? ReviewCaseStatus.Open,
            Sort = sort,
            After = Text("after"),
            Limit = limit,
        };
        problems = found;
        return filter;
    }
}
