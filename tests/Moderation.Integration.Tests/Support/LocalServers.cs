using System.Diagnostics;
using Moderation.Testing;

namespace Moderation.Integration.Tests.Support;

/// <summary>
/// The deploy/local scripts, run as an operator would, for the specifications that start servers of
/// their own beside the suite's (a RabbitMQ cluster, the fault suite's set) or stop and start one.
/// </summary>
public static class LocalServers
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(4);

    /// <summary>The ports and node name the suite's servers directory was started with (its servers.conf).</summary>
    public static async Task<Dictionary<string, string>> SuiteConfigurationAsync()
    {
        var conf = Path.Combine(TestBroker.Suite.ServersDir, "servers.conf");
        return (await File.ReadAllLinesAsync(conf))
            .Select(line => line.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0].Trim(), pair => pair[1].Trim());
    }

    /// <summary>Runs deploy/local/<paramref name="script"/>; a null value in <paramref name="environment"/> removes that variable. Returns its standard output.</summary>
    public static async Task<string> ScriptAsync(string script, string[] arguments, Dictionary<string, string?> environment)
    {
        var root = ServiceProcess.FindRepositoryRoot(AppContext.BaseDirectory);
        var start = new ProcessStartInfo(Path.Combine(root, "deploy", "local", script))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
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

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(ScriptTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"deploy/local/{script} {string.Join(' ', arguments)} did not finish within {ScriptTimeout}: {await error}");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"deploy/local/{script} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await error}{await output}");
        }

        return await output;
    }
}
