namespace Moderation.Api.Security;

/// <summary>
/// Headers on every response: a Content Security Policy that allows only this origin's scripts and
/// styles (no inline script, so injected markup cannot run), no framing, no MIME sniffing. Set when the
/// response starts rather than on the way in, so answers written after an exception handler cleared
/// the response (500), by the rate limiter (429), by static files or by status-code pages carry them too.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(static state =>
        {
            var headers = ((HttpResponse)state).Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            return Task.CompletedTask;
        }, context.Response);
        return next(context);
    });
}
