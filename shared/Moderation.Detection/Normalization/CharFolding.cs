using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace Moderation.Detection.Normalization;

/// <summary>
/// Per-character folding table for the BMP, built once (tens of milliseconds) so the hot loop is two array
/// reads per character instead of a call into the Unicode normaliser. A character folds to NFKC, then
/// lower case, then traditional → simplified (<see cref="VariantTable"/>), and digit styles and symbol
/// look-alikes NFKC leaves alone (❺ → 5, ⭐ → ★; <see cref="DigitStyleTable"/>, <see cref="HomoglyphTable"/>);
/// line breaks fold to <c>\n</c> and other whitespace to a plain space; invisible characters fold to nothing. Folds that depend on the
/// neighbouring characters (Cyrillic look-alikes in Latin words, pinyin, Chinese numerals) run after this
/// pass, only on text that contains such characters (<see cref="CharFlags.ContextHints"/>).
/// </summary>
internal static class CharFolding
{
    private const int Size = char.MaxValue + 1;

    private static readonly char[] s_single = new char[Size];
    private static readonly ushort[] s_flags = new ushort[Size];
    private static readonly FrozenDictionary<char, string> s_multi;

    static CharFolding()
    {
        char[] variants = new char[Size];
        Pairs(VariantTable.TraditionalToSimplified, variants);
        Pairs(HomoglyphTable.Symbols, HomoglyphTable.SymbolsFolded, variants);

        var multi = new Dictionary<char, string>();
        for (int i = 0; i < Size; i++)
        {
            char c = (char)i;
            CharFlags flags = Classify(c);
            s_single[i] = c;
            if (char.IsSurrogate(c))
            {
                // Pairs are folded as clusters by the normaliser; a lone surrogate is kept as it is.
                s_flags[i] = (ushort)flags;
                continue;
            }

            UnicodeCategory category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
            {
                flags |= CharFlags.Combining;
            }

            string folded = Fold(c.ToString(), variants);
            if (!string.Equals(folded, c.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                flags |= CharFlags.Rewritten;
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

            s_flags[i] = (ushort)flags;
        }

        // Hints for the context folds, on the characters they look for in folded text.
        foreach (char c in HomoglyphTable.Letters)
        {
            s_flags[c] |= (ushort)CharFlags.Lookalike;
        }

        foreach (char c in NumeralTable.Characters)
        {
            s_flags[c] |= (ushort)CharFlags.Numeral;
        }

        foreach (char c in "★☆*〔〕[]()【】〖〗号部度")
        {
            s_flags[c] |= (ushort)CharFlags.NumberContext;
        }

        s_flags['<'] |= (ushort)CharFlags.Markup;
        foreach (char c in "013457@$")
        {
            s_flags[c] |= (ushort)CharFlags.Leet;
        }

        for (int i = 0; i < Size; i++)
        {
            if (PinyinLetters.Letter((char)i) != '\0')
            {
                s_flags[i] |= (ushort)CharFlags.PinyinLetter;
            }
        }

        s_multi = multi.ToFrozenDictionary();
    }

    public static CharFlags Flags(char c) => (CharFlags)s_flags[c];

    public static char Single(char c) => s_single[c];

    public static string Multi(char c) => s_multi[c];

    /// <summary>True when normalised text can never contain <paramref name="c"/>, because folding rewrites or removes it (case aside).</summary>
    public static bool IsRewritten(char c) => (Flags(c) & (CharFlags.Rewritten | CharFlags.Strip)) != 0;

    /// <summary>
    /// The letter a styled supplementary-plane character folds to (🅣, 🆃, 🇹 → t), which NFKC leaves
    /// alone; <c>'\0'</c> for any other code point.
    /// </summary>
    public static char SupplementaryStyle(int codePoint)
    {
        int index = DigitStyleTable.SupplementaryCodePoints.BinarySearch(codePoint);
        return index >= 0 ? DigitStyleTable.SupplementaryFolded[index] : '\0';
    }

    /// <summary>Digit styles, then NFKC, lower case, line breaks to \n and other whitespace to space, invisible characters removed, then the table folds.</summary>
    private static string Fold(string text, char[] variants)
    {
        // Before NFKC, which would make ⑴ read (1).
        int style = text.Length == 1 ? DigitStyleTable.Characters.IndexOf(text[0], StringComparison.Ordinal) : -1;
        if (style >= 0)
        {
            return DigitStyleTable.Folded[style];
        }

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

        var builder = new StringBuilder(nfkc.Length);
        foreach (char c in nfkc.ToLowerInvariant())
        {
            UnicodeCategory category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (IsSpace(c))
            {
                builder.Append(IsLineBreak(c) ? '\n' : ' ');
            }
            else if (IsInvisible(c, category))
            {
                continue;
            }
            else if (variants[c] != '\0')
            {
                builder.Append(variants[c]);
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static void Pairs(string pairs, char[] into)
    {
        for (int i = 0; i < pairs.Length; i += 2)
        {
            into[pairs[i]] = pairs[i + 1];
        }
    }

    private static void Pairs(string from, string to, char[] into)
    {
        for (int i = 0; i < from.Length; i++)
        {
            into[from[i]] = to[i];
        }
    }

    /// <summary>
    /// Characters that end a line. They fold to <c>\n</c>, not to a space, because rules anchor on
    /// lines: a banner standing alone on its line, a numbered paragraph's portion mark, a notice's header.
    /// </summary>
    private static bool IsLineBreak(char c) => c is '\n' or '\r' or '\v' or '\f' or '\u0085' or '\u2028' or '\u2029';

    /// <summary>Whitespace, and the blank braille pattern, which renders as a space but is a symbol.</summary>
    private static bool IsSpace(char c) => char.IsWhiteSpace(c) || c == '\u2800';

    private static CharFlags Classify(char c)
    {
        if (IsSpace(c))
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
            '*' or '.' or '-' or '_' or '~' or '|' or '+' or '#' or '^' or '=' or '/' or '\\' or '`' or '\''
                or '\u00B7' or '\u2022' or '\u2027' or '\u2219' or '\u22C5' or '\u30FB'
                or '\u203B' or '\u25A0' or '\u25A1' or '\u25B2' or '\u25B3' or '\u25C6' or '\u25C7' or '\u25CF'
                or '\u2661' or '\u2665' or '\u2764' => CharFlags.Noise,
            // CJK ideographs, ideographic zero and Hangzhou numerals, the star of a secrecy marking, and
            // high surrogates of planes 2 and 3 (CJK extensions B and later).
            (>= '\u3400' and <= '\u4DBF') or (>= '\u4E00' and <= '\u9FFF') or (>= '\uF900' and <= '\uFAFF')
                or '\u3007' or (>= '\u3021' and <= '\u3029') or (>= '\u3038' and <= '\u303A')
                or '\u2605' or '\u2606' or (>= '\uD840' and <= '\uD8BF') => CharFlags.Anchor,
            // Emoji and pictographs dropped between characters (绝🔥密, 内🙈部): the symbols and dingbats of the
            // BMP, and the high surrogates of plane 1's pictograph blocks (U+1F000–U+1FAFF), whose low
            // surrogate follows as a continuation. Those that stand for a letter or digit (🅣, ❶) are folded
            // to it before this is asked.
            (>= '\u2600' and <= '\u27BF') or (>= '\u2B00' and <= '\u2BFF') or (>= '\uD83C' and <= '\uD83E') => CharFlags.Noise,
            _ => CharFlags.None,
        };
    }

    /// <summary>Zero-width and control characters, combining marks left over after composition, and Hangul fillers.</summary>
    private static bool IsInvisible(char c, UnicodeCategory category) =>
        category is UnicodeCategory.Format or UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark
        || (category == UnicodeCategory.Control && !char.IsWhiteSpace(c))
        || c is '\u115F' or '\u1160' or '\u3164' or '\uFFA0';
}
