namespace Moderation.Scanner.Rules;

/// <summary><c>GET /api/v1/scanner</c>: what this scanner instance is scanning with.</summary>
public static class ScannerStatusApi
{
    public static RouteGroupBuilder MapScannerStatus(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/scanner").WithTags("Scanner");
        group.MapGet("/", (DetectionEngineProvider engines) => TypedResults.Ok(new ScannerStatus(engines.Current.RuleSetVersion, Environment.MachineName, Environment.ProcessId)));
        return group;
    }

    public sealed record ScannerStatus(string RuleSetVersion, string Host, int ProcessId);
}
