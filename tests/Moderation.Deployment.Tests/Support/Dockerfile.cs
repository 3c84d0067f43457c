using System.Text.RegularExpressions;

namespace Moderation.Deployment.Tests.Support;

/// <summary>
/// What the tests need of one of deploy/images/*.Dockerfile: its stages' base images, the publish
/// command of its build stage, and how its final stage runs the service.
/// </summary>
internal sealed partial record Dockerfile(
    string Name,
    IReadOnlyList<string> BaseImages,
    IReadOnlyList<string> PublishCommand,
    string PublishOutput,
    IReadOnlyDictionary<string, string> Environment,
    string User,
    IReadOnlyList<string> Entrypoint)
{
    public static Dockerfile Read(string name)
    {
        var text = File.ReadAllText(Repository.File("deploy", "images", $"{name}.Dockerfile"));
        // Continuation lines joined, comments dropped: one instruction a line.
        var instructions = text.Replace("\\\n", " ", StringComparison.Ordinal).Split('\n')
            .Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        var from = instructions.Where(l => l.StartsWith("FROM ", StringComparison.Ordinal)).Select(l => l.Split(' ')[1]).ToList();
        var run = instructions.Single(l => l.StartsWith("RUN ", StringComparison.Ordinal))["RUN ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var finalStage = instructions.SkipWhile(l => !(l.StartsWith("FROM ", StringComparison.Ordinal) && l.Contains(" AS final", StringComparison.Ordinal))).ToList();
        var environment = finalStage.Where(l => l.StartsWith("ENV ", StringComparison.Ordinal))
            .SelectMany(l => Assignment().Matches(l["ENV ".Length..]))
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        var user = finalStage.Single(l => l.StartsWith("USER ", StringComparison.Ordinal))["USER ".Length..];
        var entrypoint = Quoted().Matches(finalStage.Single(l => l.StartsWith("ENTRYPOINT ", StringComparison.Ordinal))).Select(m => m.Groups[1].Value).ToList();
        return new Dockerfile(name, from, run[..^1], run[^1], environment, user, entrypoint);
    }

    [GeneratedRegex(@"([A-Za-z_][A-Za-z0-9_]*)=(\S+)")]
    private static partial Regex Assignment();

    [GeneratedRegex("\"([^\"]*)\"")]
    private static partial Regex Quoted();
}
