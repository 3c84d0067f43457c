using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace Moderation.Detection.Normalization;

/// <summary>
/// Per-character folding table for the BMP, built once (about 20 ms) so the hot loop is two array
/// reads per character instead of a call into the Unicode normaliser. A character folds to
/// NFKC, then lower case; whitespace folds to a plain space; invisible characters fold to nothing.
/// Later folds (traditional → simplified, homoglyphs, digit styles) are further mappings applied
/// here, so they inherit the offset bookkeeping of <see cref="TextNormalizer"/> for free.
/// </summary>
internal static class CharFolding
{
    private const int Size = char.MaxValue + 1;

    private static readonly char[] s_single = new char[Size];
    private static readonly byte[] s_flags = new byte[Size];
    private static readonly FrozenDictionary<char, string> s_multi;

    static CharFolding()
    {
        var multi = new Dictionary<char, string>();
        for (int i = 0; i < Size; i++)
        {
            char c = (char)i;
            CharFlags flags = Classify(c);
            s_single[i] = c;
            if (char.IsSurrogate(c))
            {
                // Pairs are folded as clusters by the normaliser; a lone surrogate is kept as it is.
                s_flags[i] = (byte)flags;
                continue;
            }

            UnicodeCategory category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
            {
                flags |= CharFlags.Combining;
            }

            string folded = Fold(c.ToString(), out bool nfkcChanged);
            if (nfkcChanged)
            {
                flags |= CharFlags.NfkcChanges;
            }

            if (IsInvisible(c, category) || folded.Length == 0)
            {
                flags |= CharFlags.Strip;
            }
            else if (folded.Length == 1)
            {
                s_single[i] = folded[0];
            }
            else
            {
                flags |= CharFlags.Multi;
                multi[c] = folded;
            }

            s_flags[i] = (byte)flags;
        }

        s_multi = multi.ToFrozenDictionary();
    }

    public static CharFlags Flags(char c) => (CharFlags)s_flags[c];

    public static char Single(char c) => s_single[c];

    public static string Multi(char c) => s_multi[c];

    /// <summary>True when normalised text can never contain <paramref name="c"/>, because folding rewrites or removes it (case aside).</summary>
    public static bool IsRewritten(char c) => (Flags(c) & (CharFlags.NfkcChanges | CharFlags.Strip)) != 0;

    /// <summary>NFKC, lower case, whitespace to space, invisible characters removed.</summary>
    private static string Fold(string text, out bool nfkcChanged)
    {
        string nfkc;
        try
        {
            nfkc = text.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            // Unpaired surrogates and noncharacters cannot be normalised; keep them as they are.
            nfkc = text;
        }

        nfkcChanged = !string.Equals(nfkc, text, StringComparison.Ordinal);
        var builder = new StringBuilder(nfkc.Length);
        foreach (char c in nfkc.ToLowerInvariant())
        {
            UnicodeCategory category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (char.IsWhiteSpace(c))
            {
                builder.Append(' ');
            }
            else if (!IsInvisible(c, category))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static CharFlags Classify(char c)
    {
        if (char.IsWhiteSpace(c))
        {
            return CharFlags.Noise | CharFlags.Space;
        }

        if (char.IsLowSurrogate(c))
        {
            return CharFlags.Continuation;
        }

        return c switch
        {
            // Characters used to split a word so a keyword filter misses it (机*密, 机.密, 机-密).
            '*' or '.' or '-' or '_' or '~' or '|' or '+' or '#' or '^' or '=' or '/' or '\\'
                or '\u00B7' or '\u2022' or '\u2027' or '\u2219' or '\u22C5' or '\u30FB' => CharFlags.Noise,
            // CJK ideographs, ideographic zero, the star of a secrecy marking, and high surrogates of
            // planes 2 and 3 (CJK extensions B and later).
            (>= '\u3400' and <= '\u4DBF') or (>= '\u4E00' and <= '\u9FFF') or (>= '\uF900' and <= '\uFAFF')
                or '\u3007' or '\u2605' or '\u2606' or (>= '\uD840' and <= '\uD8BF') => CharFlags.Anchor,
            _ => CharFlags.None,
        };
    }

    /// <summary>Zero-width and control characters, combining marks left over after composition, and Hangul fillers.</summary>
    private static bool IsInvisible(char c, UnicodeCategory category) =>
        category is UnicodeCategory.Format or UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark
        || (category == UnicodeCategory.Control && !char.IsWhiteSpace(c))
        || c is '\u115F' or '\u1160' or '\u3164' or '\uFFA0';
}
