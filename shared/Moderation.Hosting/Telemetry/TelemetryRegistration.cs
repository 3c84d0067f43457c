using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Moderation.Hosting.Telemetry;

/// <summary>
/// OpenTelemetry for every service: the services' own meters and activity sources (every name under
/// <see cref="Prefix"/>, one per service area, declared beside the code they measure), ASP.NET Core,
/// outgoing HTTP, the .NET runtime, Npgsql and MassTransit; metrics on <c>/metrics</c> for Prometheus,
/// spans and metrics over OTLP when an endpoint is configured.
/// </summary>
public static class TelemetryRegistration
{
    /// <summary>Every meter and activity source of the services is named <c>Moderation.&lt;area&gt;</c>.</summary>
    public const string Prefix = "Moderation.";

    /// <summary>Where Prometheus scrapes each service, on its own HTTP port.</summary>
    public const string MetricsPath = "/metrics";

    // The libraries' own instrument names: MassTransit's DiagnosticHeaders.DefaultListenerName, Npgsql's
    // built-in source and meter, and the runtime's meter (.NET 9 and later).
    private static readonly string[] LibrarySources = ["MassTransit", "Npgsql"];
    private static readonly string[] LibraryMeters = ["MassTransit", "Npgsql", "System.Runtime"];

    public static IHostApplicationBuilder AddModerationTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section).ValidateOnStart();
        var options = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(builder.Environment.ApplicationName))
            .WithTracing(tracing => tracing
                .AddSource($"{Prefix}*")
                .AddSource(LibrarySources)
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsProbeOrScrape(context.Request.Path))
                .AddHttpClientInstrumentation())
            .WithMetrics(metrics =>
            {
                metrics
                    .AddMeter($"{Prefix}*")
                    .AddMeter(LibraryMeters)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation();
                if (options.PrometheusEndpoint)
                {
                    metrics.AddPrometheusExporter();
                }
            });

        // The setting wins; otherwise the SDK reads OTEL_EXPORTER_OTLP_ENDPOINT (and its other OTEL_* variables).
        if (!string.IsNullOrWhiteSpace(options.OtlpEndpoint) && Uri.TryCreate(options.OtlpEndpoint, UriKind.Absolute, out var endpoint))
        {
            telemetry.UseOtlpExporter(OtlpExportProtocol.Grpc, endpoint);
        }
        else if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>
    /// Serves <c>/metrics</c> to a scraper that reaches the pod itself. A request that came through a
    /// proxy (an ingress, a load balancer: it carries <c>Forwarded</c> or <c>X-Forwarded-*</c>) is not
    /// answered here and falls through to the service's own 404, so the public address of the Api never
    /// shows its metrics.
    /// </summary>
    public static WebApplication MapMetricsEndpoint(this WebApplication app)
    {
        if (app.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>()?.PrometheusEndpoint ?? true)
        {
            app.UseOpenTelemetryPrometheusScrapingEndpoint(context => context.Request.Path == MetricsPath && !IsForwarded(context.Request));
        }

        return app;
    }

    /// <summary>Whether a proxy passed the request on: it then says so in one of these headers.</summary>
    public static bool IsForwarded(HttpRequest request) =>
        request.Headers.ContainsKey("Forwarded")
        || request.Headers.ContainsKey("X-Forwarded-For")
        || request.Headers.ContainsKey("X-Forwarded-Host")
        || request.Headers.ContainsKey("X-Forwarded-Proto")
        || request.Headers.ContainsKey("X-Original-For");

    private static bool IsProbeOrScrape(PathString path) =>
        path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments(MetricsPath, StringComparison.OrdinalIgnoreCase);
}
