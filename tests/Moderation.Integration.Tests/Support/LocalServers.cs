using Moderation.Testing;

namespace Moderation.Integration.Tests.Support;

/// <summary>
/// The deploy/local scripts, run as an operator would, for the specifications that start servers of
/// their own beside the suite's (a RabbitMQ cluster, the fault suite's set) or stop and start one.
/// </summary>
public static class LocalServers
{
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
    public static Task<string> ScriptAsync(string script, string[] arguments, Dictionary<string, string?> environment) =>
        Commands.RunAsync(Path.Combine(ServiceProcess.FindRepositoryRoot(AppContext.BaseDirectory), "deploy", "local", script), arguments, environment);
}
