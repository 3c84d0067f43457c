using Moderation.Scanner.Models;

namespace Moderation.Scanner.Rules;

/// <summary><c>GET /api/v1/scanner</c>: what this scanner instance is scanning with.</summary>
public static class ScannerStatusApi
{
    public static RouteGroupBuilder MapScannerStatus(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/scanner").WithTags("Scanner");
        group.MapGet("/", (DetectionEngineProvider engines, ModelProvider models) =>
            TypedResults.Ok(new ScannerStatus(engines.Current.RuleSetVersion, models.Active?.Version, Environment.MachineName, Environment.ProcessId)));
        return group;
    }

    /// <param name="ModelVersion">The classifier scoring posts; null when the model is switched off.</param>
    public sealed record ScannerStatus(string RuleSetVersion, string? ModelVersion, string Host, int ProcessId);
}
