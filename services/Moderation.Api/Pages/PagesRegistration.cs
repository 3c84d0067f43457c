using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.Extensions.FileProviders;

namespace Moderation.Api.Pages;

public static class PagesRegistration
{
    /// <summary>The web UI: Razor Pages from this assembly, whichever host composes it.</summary>
    public static IHostApplicationBuilder AddModerationPages(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorPages().ConfigureApplicationPartManager(parts =>
        {
            var assembly = typeof(PagesRegistration).Assembly;
            if (!parts.ApplicationParts.OfType<AssemblyPart>().Any(p => p.Assembly == assembly))
            {
                parts.ApplicationParts.Add(new AssemblyPart(assembly));
            }
        });
        builder.Services.AddPageProblemWriter();
        // Encode what must be (<, >, &, quotes) but leave Chinese text readable in the page source.
        builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        return builder;
    }

    /// <summary>CSS, scripts and the SignalR client at <c>/static</c>, embedded in this assembly; public, cached for a day.</summary>
    public static WebApplication UseModerationStaticFiles(this WebApplication app)
    {
        // Browsers ask for /favicon.ico on their own; the icon is the SVG the layout names.
        app.Use((context, next) =>
        {
            if (context.Request.Path == "/favicon.ico")
            {
                context.Request.Path = "/static/favicon.svg";
            }

            return next(context);
        });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new EmbeddedFileProvider(typeof(PagesRegistration).Assembly, "Moderation.Api.wwwroot"),
            RequestPath = "/static",
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "public, max-age=86400",
        });
        return app;
    }
}
