using System.Text;
using Moderation.Contracts;

namespace Moderation.Api.Review;

/// <summary>
/// The masked excerpt a confirmed case's incident keeps (Art. 7), from the scan's reasons: the
/// matched markings stay readable, every other letter becomes '＊', a fingerprint match is masked
/// whole (it is the protected text itself). The same rule the scanner applies to a removal.
/// </summary>
internal static class ReasonExcerpt
{
    private const int Context = 20;
    private const int MaxLength = 240;
    private const char MaskCharacter = '＊';

    public static string Mask(string? title, string? body, IReadOnlyList<VerdictReason> reasons)
    {
        var builder = new StringBuilder();
        foreach (var field in new[] { "title", "body" })
        {
            var text = (field == "title" ? title : body) ?? "";
            var spans = reasons.Where(r => r.Field == field && r.Start >= 0 && r.Start + r.Length <= text.Length).OrderBy(r => r.Start).ToList();
            if (spans.Count == 0)
            {
                continue;
            }

            var from = Math.Max(0, spans[0].Start - Context);
            var to = Math.Min(text.Length, spans.Max(s => s.Start + s.Length) + Context);
            if (builder.Length > 0)
            {
                builder.Append(" / ");
            }

            builder.Append(from > 0 ? "…" : "");
            for (var i = from; i < to && builder.Length < MaxLength; i++)
            {
                var inMatch = spans.Any(s => i >= s.Start && i < s.Start + s.Length && s.Category != "fingerprint");
                var c = text[i];
                builder.Append(inMatch || char.IsWhiteSpace(c) || char.IsPunctuation(c) ? c : MaskCharacter);
            }

            builder.Append(to < text.Length ? "…" : "");
        }

        return builder.Length > MaxLength ? builder.ToString(0, MaxLength) + "…" : builder.ToString();
    }
}
