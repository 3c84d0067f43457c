using System.Diagnostics;

namespace Moderation.Integration.Tests.Support;

/// <summary>Programs the tests run to their end as an operator would (rabbitmqctl, the deploy/local scripts, mount).</summary>
public static class Commands
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(4);

    /// <summary>
    /// Runs <paramref name="program"/> and returns its standard output; throws, naming the command, its
    /// exit code and its error output, when it fails or outlasts <paramref name="timeout"/> (4 minutes
    /// unless told). A null value in <paramref name="environment"/> removes that variable.
    /// </summary>
    public static async Task<string> RunAsync(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        var command = $"{program} {string.Join(' ', start.ArgumentList)}";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{command} did not finish within {timeout ?? DefaultTimeout}: {await error}");
        }

        return process.ExitCode == 0
            ? await output
            : throw new InvalidOperationException($"{command} failed ({process.ExitCode}): {await error}{await output}");
    }
}
