using System.Globalization;
using Moderation.Api.Review.Cases;

namespace Moderation.Api.Review.Listing;

/// <summary>
/// Keyset cursors: the sort key and id of the last row seen, so the next page starts with an index
/// seek instead of skipping rows (OFFSET would read every skipped row, slower the deeper one pages).
/// </summary>
public static class CaseCursor
{
    public static string Of(ReviewCaseSummary last, CaseSort sort) => sort switch
    {
        CaseSort.Priority => $"p{last.DueAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}_{last.CaseId}",
        CaseSort.Score => $"s{last.Score.ToString("R", CultureInfo.InvariantCulture)}_{last.CaseId}",
        CaseSort.Oldest => $"o{last.OpenedAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}_{last.CaseId}",
        _ => throw new ArgumentOutOfRangeException(nameof(sort)),
    };

    /// <summary>Null when the cursor is malformed or belongs to another sort order.</summary>
    public static (DateTimeOffset? Time, double? Score, long CaseId)? Parse(string cursor, CaseSort sort)
    {
        var separator = cursor.LastIndexOf('_');
        if (cursor.Length < 3 || separator < 2 || !long.TryParse(cursor.AsSpan(separator + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return null;
        }

        var key = cursor.AsSpan(1, separator - 1);
        return (cursor[0], sort) switch
        {
            ('p', CaseSort.Priority) or ('o', CaseSort.Oldest) when long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && ticks <= DateTimeOffset.MaxValue.UtcTicks => (new DateTimeOffset(ticks, TimeSpan.Zero), null, id),
            ('s', CaseSort.Score) when double.TryParse(key, NumberStyles.Float, CultureInfo.InvariantCulture, out var score) => (null, score, id),
            _ => null,
        };
    }
}
