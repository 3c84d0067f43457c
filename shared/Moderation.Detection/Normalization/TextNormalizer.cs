using System.Buffers;
using System.Globalization;
using System.Text;

namespace Moderation.Detection.Normalization;

/// <summary>
/// Folds text into the form rules match against: NFKC (full-width → half-width, ① → 1), lower case,
/// traditional → simplified, digit styles and star look-alikes, zero-width and control characters
/// removed, line breaks kept as <c>\n</c> and other whitespace folded to a space, and noise characters between CJK ideographs removed
/// (<c>机.密</c>, <c>机-密-文-件</c>); then, only where the text contains what they look for, the context
/// folds: Cyrillic and Greek look-alikes in Latin words (<see cref="HomoglyphFolding"/>), pinyin of the
/// watched phrases (<see cref="PinyinFolding"/>) and Chinese numerals where a rule needs a number
/// (<see cref="NumeralFolding"/>). Every normalised character remembers the original characters it came
/// from, so matches highlight the original text. Normalising normalised text changes nothing.
/// </summary>
/// <remarks>
/// NFKC is applied per character, or per cluster (a character and the combining marks after it, or a
/// surrogate pair), which is what NFKC does except for the rare composition across such clusters.
/// </remarks>
internal static class TextNormalizer
{
    /// <summary>
    /// Names what normalisation does. The model's n-grams are counted over normalised text, so a cached
    /// model is only valid for the folds it was trained with: <c>ModelCatalog</c> keys the default model
    /// by this too. Change it with any fold; <c>NormalizerVersionTests</c> fail until it is.
    /// </summary>
    public const string Version = "2026.12-2";

    // The longest NFKC expansion of one code point is 18 characters (U+FDFA).
    private const int MaxNfkcExpansion = 18;

    public static NormalizedText Normalize(ReadOnlySpan<char> text)
    {
        var output = new NormalizedText(text.Length + 8);
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            int end = i + 1;
            if (char.IsHighSurrogate(c) && end < text.Length && char.IsLowSurrogate(text[end]))
            {
                end++;
            }

            // Combining marks start at U+0300, so most text never looks the next character up. Marks after a
            // space or noise are stray: they are folded alone, so the space can still join the run before it.
            while (end < text.Length && text[end] >= '\u0300' && (CharFolding.Flags(text[end]) & CharFlags.Combining) != 0
                && (CharFolding.Flags(c) & CharFlags.Noise) == 0)
            {
                end++;
            }

            if (end == i + 1)
            {
                AppendSingle(ref output, c, i, end);
            }
            else
            {
                AppendCluster(ref output, text[i..end], i);
            }

            i = end;
        }

        if ((output.Seen & CharFlags.ContextHints) != 0)
        {
            ApplyContextFolds(ref output, text);
        }

        return output;
    }

    /// <summary>Normalises a whole string, for terms and tests rather than the hot path.</summary>
    public static string NormalizeToString(ReadOnlySpan<char> text)
    {
        using NormalizedText normalized = Normalize(text);
        return normalized.Text.ToString();
    }

    /// <summary>
    /// Markup first, so the characters a tag split are side by side for every other fold; look-alikes
    /// next, so a spelling such as <c>јue mi</c> (Cyrillic ј) is pinyin by the time it is read and
    /// <c>ЅЕСRЕТ</c> a banner word, then leetspeak and spaced-out banner words, and numerals last, so <c>jue mi★shi nian</c> becomes <c>绝密★十年</c> and then <c>绝密★10年</c>.
    /// </summary>
    private static void ApplyContextFolds(ref NormalizedText output, ReadOnlySpan<char> original)
    {
        if ((output.Seen & CharFlags.Markup) != 0)
        {
            MarkupFolding.Apply(ref output);
        }

        if ((output.Seen & CharFlags.Lookalike) != 0)
        {
            HomoglyphFolding.Apply(ref output, original);
        }

        if ((output.Seen & CharFlags.PinyinLetter) != 0)
        {
            LatinBannerFolding.Apply(ref output);
        }

        if ((output.Seen & CharFlags.PinyinLetter) != 0)
        {
            PinyinFolding.Apply(ref output);
        }

        if ((output.Seen & (CharFlags.Numeral | CharFlags.NumberContext)) == (CharFlags.Numeral | CharFlags.NumberContext))
        {
            NumeralFolding.Apply(ref output);
        }
    }

    private static void AppendSingle(ref NormalizedText output, char c, int start, int end)
    {
        CharFlags flags = CharFolding.Flags(c);
        if ((flags & CharFlags.Strip) != 0)
        {
            return;
        }

        if ((flags & CharFlags.Multi) != 0)
        {
            foreach (char folded in CharFolding.Multi(c))
            {
                output.Append(folded, start, end);
            }

            return;
        }

        output.Append(CharFolding.Single(c), start, end);
    }

    /// <summary>
    /// NFKC over a character with its combining marks (or a surrogate pair, such as an emoji), then the
    /// per-character fold; every resulting character maps to the whole cluster.
    /// </summary>
    private static void AppendCluster(ref NormalizedText output, ReadOnlySpan<char> cluster, int start)
    {
        const int StackCluster = 16;
        int end = start + cluster.Length;
        if (char.IsSurrogatePair(cluster[0], cluster[1]))
        {
            // Before NFKC, which would make 🄂 read 1, (a comma included).
            char style = CharFolding.SupplementaryStyle(char.ConvertToUtf32(cluster[0], cluster[1]));
            if (style != '\0')
            {
                output.Append(style, start, end);
                return;
            }
        }
        char[]? rented = null;
        Span<char> buffer = cluster.Length <= StackCluster
            ? stackalloc char[StackCluster * MaxNfkcExpansion]
            : (rented = ArrayPool<char>.Shared.Rent(cluster.Length * MaxNfkcExpansion));
        try
        {
            if (TryNfkc(cluster, buffer, out int written))
            {
                AppendFolded(ref output, buffer[..written], start, end);
            }
            else
            {
                for (int i = 0; i < cluster.Length; i++)
                {
                    AppendSingle(ref output, cluster[i], start + i, start + i + 1);
                }
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// The per-character fold of a cluster after NFKC. A supplementary character that is invisible (tag
    /// characters, U+E0020…) is dropped, and one NFKC leaves alone but that stands for a letter (🅣, 🇹) is
    /// folded to it; every resulting character maps to the whole cluster.
    /// </summary>
    private static void AppendFolded(ref NormalizedText output, scoped ReadOnlySpan<char> folded, int start, int end)
    {
        for (int k = 0; k < folded.Length; k++)
        {
            char c = folded[k];
            if (!char.IsHighSurrogate(c) || k + 1 == folded.Length || !char.IsLowSurrogate(folded[k + 1]))
            {
                AppendSingle(ref output, c, start, end);
                continue;
            }

            int codePoint = char.ConvertToUtf32(c, folded[++k]);
            char style = CharFolding.SupplementaryStyle(codePoint);
            if (style != '\0')
            {
                output.Append(style, start, end);
            }
            else if (!IsInvisible(codePoint))
            {
                output.Append(c, start, end);
                output.Append(folded[k], start, end);
            }
        }
    }

    private static bool IsInvisible(int codePoint) =>
        CharUnicodeInfo.GetUnicodeCategory(codePoint) is UnicodeCategory.Format or UnicodeCategory.NonSpacingMark
            or UnicodeCategory.EnclosingMark or UnicodeCategory.Control;

    private static bool TryNfkc(ReadOnlySpan<char> source, Span<char> destination, out int written)
    {
        try
        {
            return source.TryNormalize(destination, out written, NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            // An unpaired surrogate followed by a combining mark: not valid Unicode, keep it as it is.
            written = 0;
            return false;
        }
    }
}
