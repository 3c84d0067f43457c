namespace Moderation.Detection.Normalization;

/// <summary>
/// Reads two disguises of the words of a foreign classification banner, and only of those words, so
/// ordinary English (<c>b2b</c>, <c>h4x0r</c>, <c>I O U</c>) is left alone:
/// <list type="bullet">
/// <item>leetspeak digits and signs inside a word: <c>T0P S3CR3T//N0F0RN</c>, <c>C0NF1D3NT1AL</c> read
/// <c>top secret//noforn</c>, <c>confidential</c> (0 o, 1 i or l, 3 e, 4 a, 5 s, 7 t, @ a, $ s); one
/// character to one, in place;</item>
/// <item>letters spaced out: <c>S E C R E T // N O F O R N</c>, <c>s.e.c.r.e.t</c> read <c>secret//noforn</c>;
/// the separators between the letters are dropped.</item>
/// </list>
/// A word is folded only when what it reads is one of <see cref="Words"/>.
/// </summary>
internal static class LatinBannerFolding
{
    /// <summary>The longest run of spaced letters looked at: a banner line such as T O P S E C R E T / / N O F O R N, word by word.</summary>
    private const int MaxSpacedLetters = 40;

    /// <summary>The banner words the default rule set looks for (levels and dissemination caveats).</summary>
    private static readonly HashSet<string> s_words = new(StringComparer.Ordinal)
    {
        "top", "secret", "confidential", "classified", "restricted", "noforn", "nofor", "orcon", "relido", "propin", "fvey", "imcon",
        "rel", "to", "usa", "si", "tk", "hcs", "sci", "nf",
    };

    public static IReadOnlySet<string> Words => s_words;

    public static void Apply(ref NormalizedText text)
    {
        if ((text.Seen & CharFlags.Leet) != 0)
        {
            FoldLeet(ref text);
        }

        JoinSpacedLetters(ref text);
    }

    private static bool IsLeet(char c) => (CharFolding.Flags(c) & CharFlags.Leet) != 0;

    private static void FoldLeet(ref NormalizedText text)
    {
        ReadOnlySpan<char> chars = text.Text;
        Span<char> word = stackalloc char[16];
        int i = 0;
        while (i < chars.Length)
        {
            if (!IsWordChar(chars[i]))
            {
                i++;
                continue;
            }

            int start = i;
            bool letter = false, leet = false;
            while (i < chars.Length && IsWordChar(chars[i]))
            {
                letter |= char.IsAsciiLetterLower(chars[i]);
                leet |= IsLeet(chars[i]);
                i++;
            }

            int length = i - start;
            if (!letter || !leet || length > word.Length || length < 2)
            {
                continue;
            }

            // 1 is i in most words (c0nf1dent1al) and l in some (c1assified, c1assif1ed): try each reading of each 1.
            int ones = 0;
            for (int k = 0; k < length; k++)
            {
                ones += chars[start + k] == '1' ? 1 : 0;
            }

            for (int reading = 0; reading < 1 << Math.Min(ones, 4); reading++)
            {
                int one = 0;
                for (int k = 0; k < length; k++)
                {
                    char c = chars[start + k];
                    word[k] = c == '1' ? (((reading >> one++) & 1) == 0 ? 'i' : 'l') : Letter(c);
                }

                if (s_words.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word[..length]))
                {
                    for (int k = 0; k < length; k++)
                    {
                        text.Replace(start + k, word[k]);
                    }

                    break;
                }
            }
        }
    }

    /// <summary>Runs of single letters, each separated from the next by one space or separator, that spell a banner word.</summary>
    private static void JoinSpacedLetters(ref NormalizedText text)
    {
        NormalizedText rebuilt = default;
        bool rebuilding = false;
        int copied = 0;
        Span<char> word = stackalloc char[MaxSpacedLetters];
        Span<int> breaks = stackalloc int[MaxSpacedLetters + 1];
        ReadOnlySpan<char> chars = text.Text;
        int i = 0;
        while (i + 2 < chars.Length)
        {
            if (!IsSingleLetter(chars, i) || !IsSeparator(chars[i + 1]) || !IsSingleLetter(chars, i + 2))
            {
                i++;
                continue;
            }

            // Collect letter, separator, letter, … while each letter stands alone; k ends on the last letter.
            int count = 0;
            int k = i;
            while (true)
            {
                word[count++] = chars[k];
                if (count < word.Length && k + 2 < chars.Length && IsSeparator(chars[k + 1]) && IsSingleLetter(chars, k + 2))
                {
                    k += 2;
                    continue;
                }

                break;
            }

            k++;

            // The run may be several words spaced out as one (T O P S E C R E T): split it into banner words.
            (int words, int letters) = count >= 2 ? Split(word[..count], breaks) : (0, 0);
            if (words == 0)
            {
                i += 2; // Not from this letter; perhaps from the next (x S E C R E T).
                continue;
            }

            count = letters;
            k = i + (2 * letters) - 1;
            if (text.StandsAlone(i, k))
            {
                if (!rebuilding)
                {
                    rebuilt = new NormalizedText(chars.Length + 8);
                    rebuilding = true;
                }

                rebuilt.AppendFrom(text, copied, i);
                int next = 1;
                for (int letter = 0; letter < count; letter++)
                {
                    int at = i + (2 * letter);
                    if (next < words && letter == breaks[next])
                    {
                        // A space between two words, standing for the separator before this letter.
                        rebuilt.Append(' ', text.OriginalStart(at - 1), text.OriginalEnd(at - 1));
                        next++;
                    }

                    rebuilt.AppendFrom(text, at, at + 1);
                }

                copied = k;
                i = k;
                continue;
            }

            i = k;
        }

        if (rebuilding)
        {
            rebuilt.AppendFrom(text, copied, chars.Length);
            text.Dispose();
            text = rebuilt;
        }
    }

    /// <summary>
    /// Splits the longest prefix of <paramref name="letters"/> it can (two letters at least) into banner
    /// words, preferring the fewest; writes where each word starts into <paramref name="breaks"/>.
    /// </summary>
    /// <returns>How many words and how many letters they take; (0, 0) when no prefix splits.</returns>
    private static (int Words, int Letters) Split(ReadOnlySpan<char> letters, Span<int> breaks)
    {
        var lookup = s_words.GetAlternateLookup<ReadOnlySpan<char>>();
        Span<int> fewest = stackalloc int[letters.Length + 1];
        Span<int> from = stackalloc int[letters.Length + 1];
        fewest.Fill(int.MaxValue);
        fewest[0] = 0;
        int longest = 0;
        for (int end = 1; end <= letters.Length; end++)
        {
            for (int start = 0; start < end; start++)
            {
                if (fewest[start] != int.MaxValue && fewest[start] + 1 < fewest[end] && lookup.Contains(letters[start..end]))
                {
                    fewest[end] = fewest[start] + 1;
                    from[end] = start;
                }
            }

            longest = fewest[end] != int.MaxValue && end >= 2 ? end : longest;
        }

        if (longest == 0)
        {
            return (0, 0);
        }

        int count = fewest[longest];
        for (int end = longest, w = count - 1; w >= 0; end = from[end], w--)
        {
            breaks[w] = from[end];
        }

        return (count, longest);
    }

    private static bool IsSingleLetter(ReadOnlySpan<char> chars, int i) =>
        char.IsAsciiLetterLower(chars[i]) && (i == 0 || !char.IsAsciiLetterLower(chars[i - 1]))
        && (i + 1 == chars.Length || !char.IsAsciiLetterLower(chars[i + 1]));

    private static bool IsSeparator(char c) => c is ' ' or '\n' or '.' or '-' or '_' or '*' or '·';

    private static bool IsWordChar(char c) => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '@' or '$';

    private static char Letter(char c) => c switch
    {
        '0' => 'o',
        '3' => 'e',
        '4' => 'a',
        '5' => 's',
        '7' => 't',
        '@' => 'a',
        '$' => 's',
        _ => c,
    };
}
