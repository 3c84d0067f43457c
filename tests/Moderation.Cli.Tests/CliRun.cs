using System.CommandLine;
using System.Text;

namespace Moderation.Cli.Tests;

/// <summary>Runs the <c>moderation</c> command line in-process with captured output, error and standard streams.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error, string StandardOutput)
{
    public static async Task<CliRun> RunAsync(string[] args, string standardInput = "")
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var stdout = new MemoryStream();
        var streams = new StandardStreams(() => new MemoryStream(Encoding.UTF8.GetBytes(standardInput)), () => stdout);

        int exitCode = await ModerationCli.RunAsync(args, new InvocationConfiguration { Output = output, Error = error }, streams);

        return new CliRun(exitCode, output.ToString(), error.ToString(), Encoding.UTF8.GetString(stdout.ToArray()));
    }
}
