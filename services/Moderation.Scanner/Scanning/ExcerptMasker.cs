using System.Text;
using Moderation.Detection;

namespace Moderation.Scanner.Scanning;

/// <summary>
/// The excerpt an incident keeps instead of the post (Art. 7): the matched markings themselves,
/// which identify what was found, with the surrounding text replaced by '＊' so the secret content
/// never leaves the forum's own systems through us. Punctuation and spaces stay to keep the shape readable.
/// A fingerprint match is the secret text itself, so its span is masked like the rest.
/// </summary>
internal static class ExcerptMasker
{
    private const int Context = 20;
    private const int MaxLength = 240;
    private const char MaskCharacter = '＊';

    public static string Mask(string? title, string body, IReadOnlyList<Finding> findings)
    {
        var builder = new StringBuilder();
        foreach (var field in new[] { TextField.Title, TextField.Body })
        {
            var text = field == TextField.Title ? title ?? "" : body;
            var spans = findings.Where(f => f.Field == field).OrderBy(f => f.Start).ToList();
            if (spans.Count == 0)
            {
                continue;
            }

            var from = Math.Max(0, spans[0].Start - Context);
            var to = Math.Min(text.Length, spans[^1].Start + spans[^1].Length + Context);
            if (builder.Length > 0)
            {
                builder.Append(" / ");
            }

            builder.Append(from > 0 ? "…" : "");
            for (var i = from; i < to && builder.Length < MaxLength; i++)
            {
                var inMatch = spans.Any(s => i >= s.Start && i < s.Start + s.Length && s.Category != RuleCategories.Fingerprint);
                var c = text[i];
                builder.Append(inMatch || char.IsWhiteSpace(c) || char.IsPunctuation(c) ? c : MaskCharacter);
            }

            builder.Append(to < text.Length ? "…" : "");
        }

        return builder.Length > MaxLength ? builder.ToString(0, MaxLength) + "…" : builder.ToString();
    }
}
