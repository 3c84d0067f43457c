namespace Moderation.Api.Pages;

/// <summary>
/// Errors of the pages as pages: a person gets a sentence and a way on. The JSON API, the hub, the
/// probes and static files keep their own answers (problem details for the API).
/// </summary>
public static class ErrorPages
{
    /// <summary>Problem details for page requests written as a page: first, so it is asked before the JSON writer.</summary>
    public static IServiceCollection AddPageProblemWriter(this IServiceCollection services)
    {
        services.Insert(0, ServiceDescriptor.Singleton<IProblemDetailsWriter, PageProblemWriter>());
        return services;
    }

    /// <summary>
    /// Status codes without a body get their problem: JSON for the API, a small page (<see cref="PageProblemWriter"/>)
    /// for a page request; an exception's problem, from the host's exception handler, likewise.
    /// </summary>
    public static WebApplication UseModerationErrorPages(this WebApplication app)
    {
        app.UseStatusCodePages();
        return app;
    }

    /// <summary>A request a person's browser makes for a page, not for the API or the machinery.</summary>
    public static bool IsPage(HttpContext context) =>
        !(context.Request.Path.StartsWithSegments("/api")
          || context.Request.Path.StartsWithSegments("/hubs")
          || context.Request.Path.StartsWithSegments("/health")
          || context.Request.Path.StartsWithSegments("/static"));
}
