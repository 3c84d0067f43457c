using Moderation.Detection.Normalization;

namespace Moderation.Learning.Training;

/// <summary>
/// The text the model reads: title and body through the rules' normaliser (full-width, case, zero-width,
/// noise between CJK characters, variants), so the model and the rules see the same thing.
/// </summary>
internal static class ModelText
{
    public static string Of(string? title, string body, bool foldDigits)
    {
        string normalized = string.IsNullOrEmpty(title)
            ? TextNormalizer.NormalizeToString(body)
            : string.Concat(TextNormalizer.NormalizeToString(title), "\n", TextNormalizer.NormalizeToString(body));
        return foldDigits ? FoldDigits(normalized) : normalized;
    }

    private static string FoldDigits(string text)
    {
        int first = text.AsSpan().IndexOfAnyInRange('1', '9');
        if (first < 0)
        {
            return text;
        }

        return string.Create(text.Length, (text, first), static (span, state) =>
        {
            state.text.AsSpan().CopyTo(span);
            for (int i = state.first; i < span.Length; i++)
            {
                if (span[i] is >= '1' and <= '9')
                {
                    span[i] = '0';
                }
            }
        });
    }
}
