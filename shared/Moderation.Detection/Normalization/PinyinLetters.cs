using System.Text;

namespace Moderation.Detection.Normalization;

/// <summary>
/// The letter a folded character spells in pinyin: a–z as themselves, a vowel with a tone mark as the
/// vowel (jué → jue), ü with or without a tone mark as v (lǜ → lv, the usual way to type it).
/// </summary>
internal static class PinyinLetters
{
    private const char First = '\u00C0';
    private const char Last = '\u024F';

    // Latin-1 Supplement and Latin Extended-A and -B, where the precomposed pinyin vowels live.
    private static readonly char[] s_accented = Build();

    /// <summary>The pinyin letter of <paramref name="c"/>, or <c>'\0'</c> when it spells none.</summary>
    public static char Letter(char c) =>
        char.IsAsciiLetterLower(c) ? c
        : c is >= First and <= Last ? s_accented[c - First]
        : '\0';

    private static char[] Build()
    {
        var letters = new char[Last - First + 1];
        for (char c = First; c <= Last; c++)
        {
            string decomposed = c.ToString().Normalize(NormalizationForm.FormD);
            char letter = decomposed[0];
            if (decomposed.Length < 2 || !char.IsAsciiLetterLower(letter) || !IsToneMarks(decomposed.AsSpan(1)))
            {
                continue;
            }

            letters[c - First] = letter == 'u' && decomposed.Contains('\u0308', StringComparison.Ordinal) ? 'v' : letter;
        }

        return letters;
    }

    /// <summary>Macron, acute, caron, grave (the four tones) and diaeresis (ü).</summary>
    private static bool IsToneMarks(ReadOnlySpan<char> marks)
    {
        foreach (char mark in marks)
        {
            if (mark is not ('\u0304' or '\u0301' or '\u030C' or '\u0300' or '\u0308'))
            {
                return false;
            }
        }

        return true;
    }
}
