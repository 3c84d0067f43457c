using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Moderation.Contracts;

namespace Moderation.Hosting;

/// <summary>
/// Refuses, before any endpoint runs, a request whose route values, query string or form fields hold
/// a character no text may hold (<see cref="WireText.ControlCharacterProblem"/>): a 400 naming the
/// parameter. Such a value cannot name anything stored, and PostgreSQL cannot even compare it (NUL).
/// JSON bodies are checked as they are read (<see cref="RefusedTextConverter"/>).
/// </summary>
public static class RequestTextGuard
{
    /// <summary>After routing (so route values are known), before authentication and the endpoints.</summary>
    public static IApplicationBuilder UseRequestTextGuard(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        // Allocated only for a refused request: every request passes here, and nearly all are clean.
        Dictionary<string, string[]>? problems = null;
        foreach (var (name, value) in context.Request.RouteValues)
        {
            Check(ref problems, name, value as string);
        }

        foreach (var (name, values) in context.Request.Query)
        {
            Check(ref problems, name, name);
            foreach (var value in values)
            {
                Check(ref problems, name, value);
            }
        }

        // Only url-encoded forms (the pages' own): multipart uploads are read by their endpoints, within their limits.
        if (context.Request.HasFormContentType && context.Request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true)
        {
            try
            {
                var form = await context.Request.ReadFormAsync(context.RequestAborted);
                foreach (var (name, values) in form)
                {
                    Check(ref problems, name, name);
                    foreach (var value in values)
                    {
                        Check(ref problems, name, value);
                    }
                }
            }
            catch (InvalidDataException ex)
            {
                // The form reader itself refuses a NUL (%00) without saying in which field; otherwise this would be a 500.
                problems ??= [];
                problems["form"] = [$"The form could not be read: {ex.Message} A field holds a NUL (%00) or another character no text may hold: remove it."];
            }
        }

        if (problems is null)
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        var writer = context.RequestServices.GetService(typeof(IProblemDetailsService)) as IProblemDetailsService;
        var details = new HttpValidationProblemDetails(problems)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request holds a character no text may hold; nothing was done.",
            Detail = string.Join(" ", problems.Values.SelectMany(v => v)),
        };
        if (writer is null || !await writer.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = details }))
        {
            await context.Response.WriteAsync(details.Detail);
        }
    });

    private static void Check(ref Dictionary<string, string[]>? problems, string name, string? value)
    {
        if (value is null || WireText.IndexOfForbidden(value) < 0)
        {
            return;
        }

        var printableName = WireText.Printable(name);
        problems ??= [];
        if (!problems.ContainsKey(printableName) && WireText.ControlCharacterProblem(printableName, value) is { } problem)
        {
            problems[printableName] = [problem];
        }
    }
}
