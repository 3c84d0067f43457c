using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Moderation.Api.Pages;

/// <summary>
/// What a person sees when a page fails: a sentence and a way on, never a stack trace or raw JSON.
/// The pipeline re-executes here for the pages' error status codes and exceptions (<see cref="ErrorPages"/>);
/// the JSON API keeps its problem details.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public int Code { get; private set; }

    public string Headline { get; private set; } = "";

    public string Explanation { get; private set; } = "";

    /// <summary>The request's trace id, to quote when asking an administrator.</summary>
    public string TraceId => HttpContext.TraceIdentifier;

    // Any method: the failed request is re-executed here as it came (a POST stays a POST).
    public void OnGet(int code) => Describe(code);

    public void OnPost(int code) => Describe(code);

    private void Describe(int code)
    {
        // Direct visits to /error/… answer as the code named, within the codes a page can fail with.
        var failed = HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null || HttpContext.Features.Get<IExceptionHandlerPathFeature>() is not null;
        Code = code is >= 400 and <= 599 ? code : 404;
        (Headline, Explanation) = Code switch
        {
            400 => ("That request could not be read", "A form or link carried a value the page cannot use, or the form had expired. Go back, reload the page and try again."),
            403 => ("Not permitted", "Your account may not open this page."),
            404 => ("Not found", "There is nothing here, or nothing you may see: a case outside your boards looks the same as one that does not exist."),
            405 => ("Not possible here", "This address does not take that kind of request. Go back and use the page's own buttons."),
            429 => ("Too many requests", "Wait a moment and try again."),
            >= 500 => ("Something went wrong on our side", "Nothing you did caused this. Try again in a moment; if it keeps happening, tell an administrator the reference below."),
            _ => ("That did not work", "Go back and try again."),
        };
        Response.StatusCode = failed ? Response.StatusCode : Code;
    }
}
