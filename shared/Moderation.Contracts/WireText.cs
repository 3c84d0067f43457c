using System.Buffers;
using System.Globalization;
using System.Text;

namespace Moderation.Contracts;

/// <summary>
/// What text the system accepts from another party, in one place for every door (AMQP messages, HTTP
/// bodies, query strings, paths and forms): which characters an id may hold, and which characters
/// no text may hold. Each check returns the message to show, naming the field in the contract's words.
/// </summary>
public static class WireText
{
    /// <summary>The longest id (board, post, author) a forum may send.</summary>
    public const int MaxIdLength = 128;

    /// <summary>The id character set, as the contract documents it.</summary>
    public const string IdCharacterSet = "letters A–Z and a–z, digits 0–9, '-', '.', '_', '~', ':' and '@'";

    /// <summary>
    /// The characters a URL path segment carries without escaping (RFC 3986 unreserved, plus ':' and
    /// '@'), so an id reads the same in JSON, in a path (<c>/boards/{boardId}/posts/{postId}</c>) and
    /// in a query string. '/' is left out because a path would split on it.
    /// </summary>
    private static readonly SearchValues<char> IdCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~:@");

    /// <summary>
    /// Null when <paramref name="value"/> is a usable id: 1 to <paramref name="maxLength"/> characters
    /// of <see cref="IdCharacterSet"/>, and not "." or ".." (which a URL path reads as a step up, not a
    /// name). Otherwise what is wrong. Missing ids are the caller's to report, with what to send.
    /// </summary>
    public static string? IdProblem(string field, string value, int maxLength = MaxIdLength)
    {
        if (value.Length > maxLength)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{field} is {value.Length} characters long; an id has at most {maxLength}.");
        }

        if (value.Length == 0 || value is "." or ".." || value.AsSpan().ContainsAnyExcept(IdCharacters))
        {
            return $"{field} '{Printable(Shorten(value))}' is not an id: use 1 to {maxLength} of {IdCharacterSet} (not '.' or '..' alone).";
        }

        return null;
    }

    /// <summary>True when <paramref name="value"/> passes <see cref="IdProblem"/>.</summary>
    public static bool IsId(string? value, int maxLength = MaxIdLength) => value is not null && IdProblem("id", value, maxLength) is null;

    /// <summary>
    /// Null when <paramref name="value"/> holds no character that text may not: control characters
    /// (U+0000–U+001F, U+007F–U+009F) other than tab, line feed and carriage return, and halves of a
    /// surrogate pair standing alone (not Unicode; PostgreSQL refuses both NUL and such text).
    /// Otherwise which character, where, and what to do.
    /// </summary>
    public static string? ControlCharacterProblem(string field, string value)
    {
        var index = IndexOfForbidden(value);
        if (index < 0)
        {
            return null;
        }

        var character = char.IsSurrogate(value[index]) ? "half of a surrogate pair" : "a control character";
        return string.Create(CultureInfo.InvariantCulture,
            $"{field} contains {character} (U+{(int)value[index]:X4}) at position {index}: remove it; text may hold tab, line feed and carriage return, but no other control character.");
    }

    /// <summary>The index of the first character text may not hold, or -1.</summary>
    public static int IndexOfForbidden(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c < ' ' ? c is not ('\t' or '\n' or '\r') : c is >= '\u007f' and <= '\u009f')
            {
                return i;
            }

            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// The value with every character text may not hold replaced by U+FFFD, to quote a refused value
    /// back (in a message, a log, a stored rejection) without carrying the character along.
    /// </summary>
    public static string Printable(string value)
    {
        if (IndexOfForbidden(value) < 0)
        {
            return value;
        }

        var text = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var forbidden = IndexOfForbidden(value[i].ToString()) == 0
                && !(char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                && !(char.IsLowSurrogate(value[i]) && i > 0 && char.IsHighSurrogate(value[i - 1]));
            text.Append(forbidden ? '\uFFFD' : value[i]);
        }

        return text.ToString();
    }

    private static string Shorten(string value) => value.Length <= 40 ? value : string.Concat(value.AsSpan(0, 40), "…");
}
