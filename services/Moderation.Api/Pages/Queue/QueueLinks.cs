using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using Moderation.Api.Review.Listing;

namespace Moderation.Api.Pages.Queue;

/// <summary>
/// The queue's filter carried from page to page: from the queue to a case (<c>?queue=…</c>), through a
/// decision and "claim next", and back, so a moderator working a filtered queue stays in it.
/// </summary>
public static class QueueLinks
{
    // Keys that belong to one page view or one request, not to the filter.
    private static readonly HashSet<string> NotFilter = new(StringComparer.OrdinalIgnoreCase) { "after", "handler", "queue", "advance", "caseId" };

    /// <summary>The filter of a request's query string, without its page cursor: <c>board=x&amp;minScore=0.9</c>, or empty.</summary>
    public static string FilterOf(IQueryCollection query) =>
        QueryString.Create(query.Where(q => !NotFilter.Contains(q.Key) && q.Value.ToString().Length > 0)
            .Select(q => KeyValuePair.Create(q.Key, (string?)q.Value.ToString()))).ToUriComponent().TrimStart('?');

    /// <summary>The queue with a filter.</summary>
    public static string Queue(string? filter) => string.IsNullOrEmpty(filter) ? "/queue" : "/queue?" + filter;

    /// <summary>A case opened from a filtered queue; <paramref name="advance"/>: a decision claims the filter's next case.</summary>
    public static string Case(long caseId, string? filter, bool advance = false)
    {
        var query = new Dictionary<string, string?>();
        if (!string.IsNullOrEmpty(filter))
        {
            query["queue"] = filter;
        }

        if (advance)
        {
            query["advance"] = "1";
        }

        return string.Create(CultureInfo.InvariantCulture, $"/cases/{caseId}") + QueryString.Create(query).ToUriComponent();
    }

    /// <summary>A carried filter read back; a value out of range is left out, as on the queue page.</summary>
    public static CaseFilter Parse(string? filter, DateTimeOffset now) =>
        QueueQuery.Parse(new QueryCollection(QueryHelpers.ParseQuery(filter)), now, out _);
}
