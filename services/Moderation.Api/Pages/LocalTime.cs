using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace Moderation.Api.Pages;

/// <summary>
/// Times on the pages: written in UTC, which every reader can check, as a <c>&lt;time&gt;</c> element
/// that the page's script shows in the viewer's own time zone, the UTC time kept in its title.
/// </summary>
public static class LocalTime
{
    /// <summary>The UTC text of a time, as titles show it.</summary>
    public static string Utc(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>A time element: UTC until the script rewrites it in local time; empty for no time.</summary>
    public static IHtmlContent Tag(DateTimeOffset? time)
    {
        if (time is not { } t)
        {
            return HtmlString.Empty;
        }

        var iso = t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var text = t.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        // Only digits, dashes, colons and letters of our own formats: nothing to encode, but encode anyway.
        return new HtmlString($"<time datetime=\"{HtmlEncoder.Default.Encode(iso)}\" title=\"{HtmlEncoder.Default.Encode(Utc(t))}\" data-local-time>{HtmlEncoder.Default.Encode(text)}</time>");
    }
}
