using System.Text;
using Moderation.Contracts;
using Moderation.Detection;

namespace Moderation.Verdicts.Incidents;

/// <summary>
/// The excerpt an incident keeps instead of the post (Art. 7): the matched markings themselves,
/// which identify what was found, with the surrounding text replaced by '＊' so the secret content
/// never leaves the forum's own systems through us. Punctuation and spaces stay to keep the shape readable.
/// </summary>
/// <remarks>
/// It reads the verdict's reasons, which the scanner has at once and a moderator's decision has from
/// the stored scan. A reason is a fingerprint match when its category is <see cref="RuleCategories.Fingerprint"/>
/// (passage and repost alike): such a span is the protected text itself, so it is masked like the rest.
/// The excerpt runs to the end of the span that ends last, not of the one that starts last, so a
/// long match is never cut off by a short one inside it; a reason that does not fit its field (a
/// stored scan whose text changed or was purged) is left out rather than trusted.
/// </remarks>
public static class ExcerptMasker
{
    private const int Context = 20;
    private const int MaxLength = 240;
    private const char MaskCharacter = '＊';

    public static string Mask(string? title, string? body, IReadOnlyList<VerdictReason> reasons)
    {
        ArgumentNullException.ThrowIfNull(reasons);
        var builder = new StringBuilder();
        foreach (var (field, value) in new[] { ("title", title), ("body", body) })
        {
            var text = value ?? "";
            var spans = reasons.Where(r => r.Field == field && Fits(r, text)).OrderBy(r => r.Start).ToList();
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
                var inMarking = spans.Any(s => i >= s.Start && i < s.Start + s.Length && !IsFingerprint(s));
                var c = text[i];
                builder.Append(inMarking || char.IsWhiteSpace(c) || char.IsPunctuation(c) ? c : MaskCharacter);
            }

            builder.Append(to < text.Length ? "…" : "");
        }

        return builder.Length > MaxLength ? builder.ToString(0, MaxLength) + "…" : builder.ToString();
    }

    public static bool IsFingerprint(VerdictReason reason) => reason.Category == RuleCategories.Fingerprint;

    private static bool Fits(VerdictReason reason, string text) =>
        reason.Start >= 0 && reason.Length >= 0 && reason.Start + reason.Length <= text.Length;
}
