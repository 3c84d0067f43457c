using System.Globalization;
using System.Text;
using System.Net;

namespace Moderation.Api.Pages;

/// <summary>
/// Problem details written for a page request (a request refused before it reached its page, such as a
/// control character in a link's query) as a small page a person can read, not raw JSON. Requests for
/// the API keep the JSON problem (<see cref="ErrorPages.IsPage"/> decides which is which).
/// </summary>
public sealed class PageProblemWriter : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => ErrorPages.IsPage(context.HttpContext);

    public async ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        // The status code pages send no title; the JSON writer would add the standard one, so this does too.
        var title = problem.Title ?? Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);
        // Only markup characters are encoded, so a message quoting a field (U+0000, +86 …) reads as written.
        string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");
        var html = new StringBuilder()
            .Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
            .Append(Encode(title)).Append(" · Moderation</title>")
            .Append("<link rel=\"icon\" href=\"/static/favicon.svg\" type=\"image/svg+xml\"><link rel=\"stylesheet\" href=\"/static/css/site.css\"></head><body><main>")
            .Append("<section class=\"error-page\" data-error=\"").Append(status.ToString(CultureInfo.InvariantCulture)).Append("\"><h1>")
            .Append(Encode(title.Length > 0 ? title : "That did not work")).Append("</h1><p>").Append(Encode(problem.Detail)).Append("</p>")
            .Append("<p class=\"muted\">Error ").Append(status.ToString(CultureInfo.InvariantCulture))
            .Append("</p><p><a href=\"/\">Home</a> · <a href=\"/queue\">Queue</a></p></section></main></body></html>")
            .ToString();
        context.HttpContext.Response.ContentType = "text/html; charset=utf-8";
        await context.HttpContext.Response.WriteAsync(html, context.HttpContext.RequestAborted);
    }
}
