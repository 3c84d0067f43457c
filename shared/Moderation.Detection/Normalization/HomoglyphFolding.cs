using System.Buffers;
using System.Text;

namespace Moderation.Detection.Normalization;

/// <summary>
/// Reads Cyrillic and Greek look-alikes in Latin words as the Latin letters they imitate:
/// <c>ТОР SЕСRЕТ</c> (Cyrillic Т, О, Р, Е, С) reads <c>top secret</c>. A word is folded only when every
/// Cyrillic or Greek letter in it has a Latin look-alike, and it has a Latin letter or begins with a
/// capital; so Russian and Greek text (<c>Привет</c>, <c>как</c>, <c>Καλημέρα</c>) is left as it is, except
/// for a capitalised word spelt only with look-alikes (<c>Он</c> reads <c>oh</c>), which cannot spell a
/// rule's Latin word: secret, confidential, classified and noforn need r or f, which have no look-alike
/// here, and short tokens such as ts or si count only inside a banner. Which Latin letter a character
/// stands for can depend on its case (Greek Ν is N, ν is v), so the original character decides. One
/// character folds to one, in place, so the offset map does not change.
/// </summary>
internal static class HomoglyphFolding
{
    private static readonly SearchValues<char> s_lookalikes = SearchValues.Create(HomoglyphTable.Letters);

    public static void Apply(ref NormalizedText text, ReadOnlySpan<char> original)
    {
        ReadOnlySpan<char> chars = text.Text;
        int i = 0;
        while (i < chars.Length)
        {
            int found = chars[i..].IndexOfAny(s_lookalikes);
            if (found < 0)
            {
                return;
            }

            i += found;

            (int start, int end) = WordAround(chars, i);
            Word word = Inspect(text, original, start, end);
            if (word.Mapped && word.ReadsAsLatin)
            {
                for (int k = start; k < end; k++)
                {
                    if (IsGreekOrCyrillic(chars[k]))
                    {
                        text.Replace(k, Latin(text, original, k, out _));
                    }
                }
            }

            i = end;
        }
    }

    private static (int Start, int End) WordAround(ReadOnlySpan<char> chars, int index)
    {
        int start = index;
        while (start > 0 && IsWordChar(chars[start - 1]))
        {
            start--;
        }

        int end = index + 1;
        while (end < chars.Length && IsWordChar(chars[end]))
        {
            end++;
        }

        return (start, end);
    }

    /// <summary>What a word is spelt with.</summary>
    private static Word Inspect(in NormalizedText text, ReadOnlySpan<char> original, int start, int end)
    {
        ReadOnlySpan<char> chars = text.Text;
        bool mapped = true;
        bool latin = false;
        bool capital = false;
        for (int k = start; k < end; k++)
        {
            char c = chars[k];
            if (!IsGreekOrCyrillic(c))
            {
                latin |= char.IsLetter(c);
                continue;
            }

            mapped &= Latin(text, original, k, out bool isCapital) != ' ';
            capital |= k == start && isCapital;
        }

        return new Word(mapped, latin, capital);
    }

    /// <summary>The Latin letter normalised character <paramref name="index"/> stands for; a space for none.</summary>
    private static char Latin(in NormalizedText text, ReadOnlySpan<char> original, int index, out bool capital)
    {
        int start = text.OriginalStart(index);
        capital = Rune.DecodeFromUtf16(original[start..], out Rune rune, out _) == OperationStatus.Done && Rune.IsUpper(rune);
        int entry = HomoglyphTable.Letters.IndexOf(text.Text[index], StringComparison.Ordinal);
        return entry < 0 ? ' ' : capital ? HomoglyphTable.CapitalLatin[entry] : HomoglyphTable.SmallLatin[entry];
    }

    /// <summary>Letters and digits of the Latin, Greek and Cyrillic blocks: what a Latin word can be spelt with.</summary>
    private static bool IsWordChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || (c is >= '\u00C0' and < '\u0530' && char.IsLetter(c));

    private static bool IsGreekOrCyrillic(char c) => c is >= '\u0370' and < '\u0530';

    /// <param name="Mapped">Every Cyrillic or Greek letter has a Latin look-alike in its case.</param>
    /// <param name="Latin">The word has a Latin letter.</param>
    /// <param name="Capital">The word begins with a Cyrillic or Greek capital.</param>
    private readonly record struct Word(bool Mapped, bool Latin, bool Capital)
    {
        /// <summary>
        /// Mixed with Latin (Сlаssifiеd) or beginning with a capital (ТОР, ТЅ, Ву): a lower-case word of
        /// look-alike letters only is ordinary Russian (как, он) or Greek, not a disguised Latin word.
        /// </summary>
        public bool ReadsAsLatin => Latin || Capital;
    }
}
