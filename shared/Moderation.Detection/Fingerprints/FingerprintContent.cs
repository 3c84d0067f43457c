using System.Globalization;
using System.Runtime.CompilerServices;

namespace Moderation.Detection.Fingerprints;

/// <summary>
/// Which characters of normalised text a fingerprint is made of: letters (CJK ideographs included),
/// digits and surrogate halves (CJK extensions B and later). Spaces, punctuation and symbols are left
/// out, so re-punctuating, re-wrapping or spacing out a copied passage does not change its hashes.
/// </summary>
internal static class FingerprintContent
{
    // One bit per UTF-16 code unit: 8 KB, built once.
    private static readonly ulong[] s_content = Build();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsContent(char c) => (s_content[c >> 6] & (1UL << c)) != 0;

    private static ulong[] Build()
    {
        var bits = new ulong[(char.MaxValue + 1) / 64];
        for (int i = 0; i <= char.MaxValue; i++)
        {
            char c = (char)i;
            bool content = char.IsSurrogate(c) || CharUnicodeInfo.GetUnicodeCategory(c) is
                UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
                or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber;
            if (content)
            {
                bits[i >> 6] |= 1UL << i;
            }
        }

        return bits;
    }
}
