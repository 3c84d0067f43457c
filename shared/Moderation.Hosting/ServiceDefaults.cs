using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Moderation.Contracts;
using Moderation.Hosting.Caching;
using Moderation.Hosting.Redis;
using Moderation.Hosting.Settings;
using Moderation.Hosting.Telemetry;

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
        // One validator for every options class with a Section: messages name the setting and the allowed values.
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton(typeof(IValidateOptions<>), typeof(SettingsValidator<>)));
        builder.AddModerationCaching();
        builder.AddModerationTelemetry();
        var health = builder.Services.AddHealthChecks();
        if (builder.Configuration.GetConnectionString("Redis") is { Length: > 0 } redis)
        {
            builder.Services.AddSingleton(new RedisHealthConnection(redis));
            health.AddCheck<RedisHealthCheck>("redis", tags: [ReadyTag]);
        }

        return builder;
    }

    /// <summary>
    /// <c>/health/live</c> answers while the process runs; <c>/health/ready</c> while its database,
    /// broker connection and Redis (when configured) work; <c>/metrics</c> for Prometheus
    /// (<see cref="TelemetryRegistration.MapMetricsEndpoint"/>). Mapped in every environment because
    /// orchestrators probe them.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapMetricsEndpoint();
        // Probes carry no credentials; the answers say only "up" or "not ready".
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            // A degraded bus (an endpoint still connecting, or reconnecting) is not ready for traffic either.
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        }).AllowAnonymous();
        return app;
    }
}
