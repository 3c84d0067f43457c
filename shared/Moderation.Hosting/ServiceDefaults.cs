using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Moderation.Contracts;
using Moderation.Hosting.Caching;

namespace Moderation.Hosting;

/// <summary>
/// What every service shares: logging, the wire format for HTTP bodies, problem details, the cache,
/// health checks. No domain module: each host's <c>Program</c> adds storage and its own modules
/// after these defaults.
/// </summary>
public static class ServiceDefaults
{
    /// <summary>
    /// The conventional tag of readiness checks: the database check (<c>AddModerationStorage</c>) and
    /// MassTransit's bus checks carry it, and <c>/health/ready</c> asks every check that does.
    /// </summary>
    public const string ReadyTag = "ready";

    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder)
    {
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
            o.UseUtcTimestamp = true;
        });
        builder.Services.TryAddSingleton(TimeProvider.System);
        // Every HTTP body a service writes (responses, problem details) and reads is the wire format;
        // a string holding a control character is refused as it is read (RefusedTextConverter).
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            WireFormat.Apply(o.SerializerOptions);
            o.SerializerOptions.Converters.Add(new RefusedTextConverter());
        });
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<BadRequestBodyHandler>();
        // Malformed bodies reach BadRequestBodyHandler, which names the JSON path and line.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.AddModerationCaching();
        builder.Services.AddHealthChecks();
        return builder;
    }

    /// <summary>
    /// <c>/health/live</c> answers while the process runs; <c>/health/ready</c> while its database and
    /// broker connection work. Mapped in every environment because orchestrators probe them.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        // Probes carry no credentials; the answers say only "up" or "not ready".
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) }).AllowAnonymous();
        return app;
    }
}
