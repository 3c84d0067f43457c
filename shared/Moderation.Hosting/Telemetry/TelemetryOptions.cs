using System.ComponentModel.DataAnnotations;

namespace Moderation.Hosting.Telemetry;

/// <summary>Bound from <c>Moderation:Telemetry</c>.</summary>
public sealed class TelemetryOptions : IValidatableObject
{
    public const string Section = "Moderation:Telemetry";

    /// <summary>
    /// Where spans and metrics are exported over OTLP (gRPC, e.g. <c>http://collector:4317</c>). Unset,
    /// the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is used when it is set, and nothing is exported otherwise.
    /// </summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>Serve Prometheus' text format on <c>/metrics</c>.</summary>
    public bool PrometheusEndpoint { get; set; } = true;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(OtlpEndpoint)
            && !(Uri.TryCreate(OtlpEndpoint, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)))
        {
            yield return new ValidationResult(
                $"{Section}:OtlpEndpoint '{OtlpEndpoint}' is not an absolute http:// or https:// address, such as http://collector:4317.",
                [nameof(OtlpEndpoint)]);
        }
    }
}
