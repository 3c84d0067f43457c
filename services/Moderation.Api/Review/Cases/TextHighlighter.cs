using Moderation.Contracts;

namespace Moderation.Api.Review.Cases;

/// <summary>
/// Splits a field of the original post into runs at every span boundary of the reasons, so the
/// page can mark matched text (overlapping matches included) while Razor encodes every run.
/// </summary>
public static class TextHighlighter
{
    public static IReadOnlyList<HighlightedSegment> Segments(string? text, string field, IReadOnlyList<VerdictReason> reasons)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        var spans = reasons
            .Select((r, i) => (Reason: r, Number: i + 1))
            .Where(x => x.Reason.Field == field && x.Reason.Length > 0 && x.Reason.Start >= 0 && x.Reason.Start < text.Length)
            .Select(x => (x.Number, Start: x.Reason.Start, End: Math.Min(text.Length, x.Reason.Start + x.Reason.Length)))
            .ToList();
        var cuts = new SortedSet<int> { 0, text.Length };
        foreach (var span in spans)
        {
            cuts.Add(span.Start);
            cuts.Add(span.End);
        }

        var segments = new List<HighlightedSegment>();
        var points = cuts.ToList();
        for (var i = 0; i < points.Count - 1; i++)
        {
            var (from, to) = (points[i], points[i + 1]);
            var covering = spans.Where(s => s.Start <= from && s.End >= to).Select(s => s.Number).ToList();
            segments.Add(new HighlightedSegment(text[from..to], covering));
        }

        return segments;
    }
}
