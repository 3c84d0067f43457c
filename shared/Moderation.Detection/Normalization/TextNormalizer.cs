using System.Buffers;
using System.Text;

namespace Moderation.Detection.Normalization;

/// <summary>
/// Folds text into the form rules match against: NFKC (full-width → half-width, ① → 1), lower case,
/// zero-width and control characters removed, whitespace runs collapsed to one space, and noise
/// characters between CJK ideographs removed (<c>机.密</c>, <c>机-密-文-件</c>). Every normalised
/// character remembers the original characters it came from, so matches highlight the original text.
/// </summary>
/// <remarks>
/// NFKC is applied per character, or per cluster (a character and the combining marks after it, or a
/// surrogate pair), which is what NFKC does except for the rare composition across such clusters.
/// </remarks>
internal static class TextNormalizer
{
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

            // Combining marks start at U+0300, so most text never looks the next character up.
            while (end < text.Length && text[end] >= '\u0300' && (CharFolding.Flags(text[end]) & CharFlags.Combining) != 0)
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

        return output;
    }

    /// <summary>Normalises a whole string, for terms and tests rather than the hot path.</summary>
    public static string NormalizeToString(ReadOnlySpan<char> text)
    {
        using NormalizedText normalized = Normalize(text);
        return normalized.Text.ToString();
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
        char[]? rented = null;
        Span<char> buffer = cluster.Length <= StackCluster
            ? stackalloc char[StackCluster * MaxNfkcExpansion]
            : (rented = ArrayPool<char>.Shared.Rent(cluster.Length * MaxNfkcExpansion));
        try
        {
            if (TryNfkc(cluster, buffer, out int written))
            {
                foreach (char c in buffer[..written])
                {
                    AppendSingle(ref output, c, start, end);
                }
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
