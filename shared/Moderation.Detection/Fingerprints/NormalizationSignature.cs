using System.Security.Cryptography;
using System.Text;
using Moderation.Detection.Normalization;

namespace Moderation.Detection.Fingerprints;

/// <summary>
/// A short digest of what the normaliser and the content filter make of every character in the
/// blocks fingerprints are made of. A fingerprint file records it, so a file computed by a CLI whose
/// normaliser folds differently (an older or newer release) is refused at registration instead of
/// silently never matching. Only long-assigned blocks are probed: Unicode's normalisation stability
/// policy keeps their folds fixed, so the digest does not vary with the ICU version of a machine.
/// </summary>
internal static class NormalizationSignature
{
    private static readonly (char First, char Last)[] s_probedBlocks =
    [
        ('\u0020', '\u024F'), // Basic Latin, Latin-1, Latin Extended-A and -B
        ('\u0370', '\u03FF'), // Greek
        ('\u0400', '\u04FF'), // Cyrillic
        ('\u2000', '\u206F'), // General Punctuation (zero-width characters)
        ('\u2150', '\u218F'), // Number Forms
        ('\u2460', '\u24FF'), // Enclosed Alphanumerics
        ('\u2600', '\u26FF'), // Miscellaneous Symbols (the secrecy star)
        ('\u3000', '\u303F'), // CJK Symbols and Punctuation
        ('\u3200', '\u33FF'), // Enclosed CJK Letters, CJK Compatibility
        ('\u3400', '\u4DB5'), // CJK Extension A
        ('\u4E00', '\u9FA5'), // CJK Unified Ideographs
        ('\uF900', '\uFA2D'), // CJK Compatibility Ideographs
        ('\uFF01', '\uFFEE'), // Halfwidth and Fullwidth Forms
    ];

    // Noise between ideographs and digits is collapsed by context, so probe that as well.
    private const string ContextProbe = "机 密 文 件 机*密 机.密 机-密 ★ 10 年 top  secret 2.0 机密 report ①② 〔２０２４〕";

    private static readonly Lazy<string> s_value = new(Compute);

    /// <summary>16 hexadecimal digits.</summary>
    public static string Value => s_value.Value;

    private static string Compute()
    {
        var probe = new StringBuilder(40_000);
        foreach ((char first, char last) in s_probedBlocks)
        {
            for (int c = first; c <= last; c++)
            {
                // Every character alone, between two ideographs, so noise rules see the same neighbours every time.
                probe.Append('一').Append((char)c);
            }
        }

        probe.Append(ContextProbe);
        string normalized = TextNormalizer.NormalizeToString(probe.ToString());
        var content = new StringBuilder(normalized.Length);
        foreach (char c in normalized)
        {
            // Only content characters reach a fingerprint, so only they may change the digest.
            if (FingerprintContent.IsContent(c))
            {
                content.Append(c);
            }
        }

        byte[] digest = SHA256.HashData(Encoding.UTF8.GetBytes(content.ToString()));
        return Convert.ToHexStringLower(digest.AsSpan(0, 8));
    }
}
