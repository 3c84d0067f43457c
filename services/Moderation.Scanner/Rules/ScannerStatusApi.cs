namespace Moderation.Scanner.Rules;

/// <summary><c>GET /api/v1/scanner</c>: what this scanner instance is scanning with.</summary>
public static class ScannerStatusApi
{
    public static IEndpointRouteBuilder MapScannerStatus(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/scanner", (DetectionEngineProvider engines) => TypedResults.Ok(new ScannerStatus(engines.Current.RuleSetVersion, Environment.MachineName, Environment.ProcessId)));
        return app;
    }

    public sealed record ScannerStatus(string RuleSetVersion, string Host, int ProcessId);
}
