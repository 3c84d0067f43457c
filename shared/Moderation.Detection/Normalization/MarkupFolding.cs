namespace Moderation.Detection.Normalization;

/// <summary>
/// Drops HTML tags and comments, which posters put between the characters of a watched word so a
/// keyword filter misses it (<c>&lt;b&gt;绝&lt;/b&gt;&lt;b&gt;密&lt;/b&gt;</c>, <c>内&lt;!-- --&gt;部</c>); the
/// characters either side are then joined as noise between them would be. A tag is <c>&lt;</c>, an
/// optional <c>/</c>, a letter, then up to <see cref="MaxTag"/> characters without <c>&lt;</c> or
/// <c>&gt;</c>, then <c>&gt;</c>; <c>a &lt; b &gt; c</c> and <c>&lt;3</c> are not tags and stay.
/// </summary>
internal static class MarkupFolding
{
    private const int MaxTag = 80;
    private const int MaxComment = 200;

    public static void Apply(ref NormalizedText text)
    {
        NormalizedText rebuilt = default;
        bool rebuilding = false;
        int copied = 0;
        ReadOnlySpan<char> chars = text.Text;
        int i = 0;
        while (i < chars.Length)
        {
            int found = chars[i..].IndexOf('<');
            if (found < 0)
            {
                break;
            }

            i += found;
            int end = TagEnd(chars, i);
            if (end < 0 || !text.StandsAlone(i, end))
            {
                i++;
                continue;
            }

            if (!rebuilding)
            {
                rebuilt = new NormalizedText(chars.Length + 8);
                rebuilding = true;
            }

            rebuilt.AppendFrom(text, copied, i);
            copied = end;
            i = end;
        }

        if (rebuilding)
        {
            rebuilt.AppendFrom(text, copied, chars.Length);
            text.Dispose();
            text = rebuilt;
        }
    }

    /// <summary>The end (exclusive) of the tag or comment starting at <paramref name="start"/>, or -1 when there is none.</summary>
    private static int TagEnd(ReadOnlySpan<char> chars, int start)
    {
        ReadOnlySpan<char> rest = chars[(start + 1)..];
        if (rest.StartsWith("!--"))
        {
            int close = rest[..Math.Min(rest.Length, MaxComment)].IndexOf("-->");
            return close < 0 ? -1 : start + 1 + close + 3;
        }

        int k = rest.Length > 0 && rest[0] == '/' ? 1 : 0;
        if (k >= rest.Length || !char.IsAsciiLetter(rest[k]))
        {
            return -1;
        }

        int limit = Math.Min(rest.Length, MaxTag);
        for (; k < limit; k++)
        {
            if (rest[k] == '>')
            {
                return start + 1 + k + 1;
            }

            if (rest[k] == '<')
            {
                return -1;
            }
        }

        return -1;
    }
}
