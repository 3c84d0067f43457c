namespace Moderation.Detection.Matching;

/// <summary>
/// Whether the original text of a term's hit was written to slip past a keyword filter, judged from
/// the characters the post used for it. Normal ways of writing a word are not disguise: upper or lower
/// case, full-width letters and the ideographic space (an input method's full-width mode), traditional
/// characters, and the plain space between the words of a Latin term.
/// </summary>
internal static class Disguise
{
    /// <summary>Whether the post's characters for a hit were written as a rule asks (<see cref="Rule.WrittenAs"/>).</summary>
    /// <param name="text">The field's original text.</param>
    /// <param name="start">Where the hit starts in <paramref name="text"/>.</param>
    /// <param name="length">The hit's length in <paramref name="text"/>.</param>
    /// <param name="normalized">The normalised text the term matched.</param>
    public static bool IsWrittenAs(TermWriting writing, string text, int start, int length, ReadOnlySpan<char> normalized) => writing switch
    {
        TermWriting.Disguise => IsDisguised(text.AsSpan(start, length), normalized),
        TermWriting.Capitals => IsCapitals(text.AsSpan(start, length)) && !IsPartOfIdentifier(text, start, length),
        _ => true,
    };

    /// <summary>
    /// Joined by an underscore to more letters or digits: a name in code or configuration
    /// (<c>JWT_SECRET</c>, <c>TOP_SECRET_NEW_CHECKOUT</c>), where capitals are a naming convention,
    /// not a printed classification. <c>TOP_SECRET</c> alone is still capitals.
    /// </summary>
    public static bool IsPartOfIdentifier(string text, int start, int length)
    {
        int end = start + length;
        return (start >= 2 && text[start - 1] == '_' && char.IsLetterOrDigit(text[start - 2]))
            || (end + 1 < text.Length && text[end] == '_' && char.IsLetterOrDigit(text[end + 1]));
    }

    /// <summary>Every letter a capital, and at least one letter.</summary>
    public static bool IsCapitals(ReadOnlySpan<char> original)
    {
        bool letter = false;
        foreach (char c in original)
        {
            if (char.IsLower(c))
            {
                return false;
            }

            letter |= char.IsUpper(c);
        }

        return letter;
    }

    /// <param name="original">The post's characters the hit covers.</param>
    /// <param name="normalized">The normalised text the term matched.</param>
    public static bool IsDisguised(ReadOnlySpan<char> original, ReadOnlySpan<char> normalized)
    {
        foreach (char c in normalized)
        {
            if (IsIdeograph(c))
            {
                return IsDisguisedChinese(original);
            }
        }

        return IsDisguisedLatin(original, normalized);
    }

    /// <summary>
    /// Anything between or instead of the characters (a dot, an emoji, a zero-width space, a tag, pinyin)
    /// but spaces: some people space out every character of what they write (<c>机 密 码 锁</c> is a
    /// combination lock), and a spaced-out marking is still caught by the marking rules.
    /// </summary>
    private static bool IsDisguisedChinese(ReadOnlySpan<char> original)
    {
        foreach (char c in original)
        {
            if (!IsIdeograph(c) && c is not (' ' or '\u3000'))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Digits or signs for letters, letters of other scripts or styles, or more spaces than the term has.</summary>
    private static bool IsDisguisedLatin(ReadOnlySpan<char> original, ReadOnlySpan<char> normalized)
    {
        int spaces = 0;
        foreach (char c in original)
        {
            if (c is ' ' or '\u3000')
            {
                spaces++;
            }
            else if (!IsPlainLetter(c) && c != '/')
            {
                return true;
            }
        }

        return spaces > normalized.Count(' ');
    }

    private static bool IsPlainLetter(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '\uFF21' and <= '\uFF3A') or (>= '\uFF41' and <= '\uFF5A');

    private static bool IsIdeograph(char c) => c is (>= '\u4E00' and <= '\u9FFF') or (>= '\u3400' and <= '\u4DBF') or (>= '\uF900' and <= '\uFAFF');
}
