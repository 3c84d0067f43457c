using Moderation.Detection;

namespace Moderation.Detection.Tests;

/// <summary>The embedded default rule set, and a verdict's findings written out for a failing assertion.</summary>
internal static class DefaultEngine
{
    public static DetectionEngine Engine { get; } = DetectionEngine.CreateDefault();

    public static ScanResult Scan(string body) => Engine.Scan(new ScanInput(null, body));

    /// <summary>The default rule set's file in the repository, which the engine embeds.</summary>
    public static string RulesFile([System.Runtime.CompilerServices.CallerFilePath] string source = "") =>
        Path.Combine(Path.GetDirectoryName(source)!, "..", "..", "shared", "Moderation.Detection", "Rules", "default.json");

    public static string Explain(ScanResult result) =>
        string.Join("; ", result.Findings.Select(f => $"{f.RuleId} {f.Weight}"));
}
