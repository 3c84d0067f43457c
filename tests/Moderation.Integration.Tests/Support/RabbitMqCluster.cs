using System.Diagnostics;
using System.Text.Json;
using Moderation.Testing;

namespace Moderation.Integration.Tests.Support;

/// <summary>
/// A three-node RabbitMQ cluster of its own for the cluster specifications, started with
/// deploy/local (<c>MODERATION_RABBITMQ_NODES=3 deploy/local/start-servers.sh rabbitmq</c>) beside the
/// suite's single node, which every other test keeps using. Its nodes take the suite's RabbitMQ ports
/// plus 1, 2 and 3 (so parallel suites on other ports never meet) and share the suite's epmd.
/// Nodes are stopped and started again one at a time with the same scripts, as an operator would.
/// </summary>
public sealed class RabbitMqCluster : IAsyncLifetime
{
    public const int Nodes = 3;

    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(4);

    private string _dir = "";
    private string _nodeName = "";
    private int _port;
    private int _managementPort;

    public TestBroker Broker { get; private set; } = null!;

    /// <summary>How long the cluster took to start.</summary>
    public TimeSpan StartTime { get; private set; }

    public async Task InitializeAsync()
    {
        var suite = await SuiteConfigurationAsync();
        _port = int.Parse(suite["MODERATION_RABBITMQ_PORT"], System.Globalization.CultureInfo.InvariantCulture) + 1;
        _managementPort = int.Parse(suite["MODERATION_RABBITMQ_MANAGEMENT_PORT"], System.Globalization.CultureInfo.InvariantCulture) + 1;
        var name = suite["MODERATION_RABBITMQ_NODENAME"];
        _nodeName = $"{name[..name.IndexOf('@', StringComparison.Ordinal)]}-cluster{name[name.IndexOf('@', StringComparison.Ordinal)..]}";
        var environment = new Dictionary<string, string?>
        {
            ["MODERATION_SERVERS_DIR"] = null,
            ["MODERATION_RABBITMQ_NODES"] = Nodes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["MODERATION_RABBITMQ_PORT"] = _port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["MODERATION_RABBITMQ_MANAGEMENT_PORT"] = _managementPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["MODERATION_RABBITMQ_DIST_PORT"] = (int.Parse(suite["MODERATION_RABBITMQ_DIST_PORT"], System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["MODERATION_EPMD_PORT"] = suite["MODERATION_EPMD_PORT"],
            ["MODERATION_RABBITMQ_NODENAME"] = _nodeName,
        };
        var started = Stopwatch.StartNew();
        _dir = (await ScriptAsync("start-servers.sh", ["rabbitmq"], environment)).Trim().Split('\n')[^1];
        StartTime = started.Elapsed;
        var user = "moderation:moderation";
        Broker = new TestBroker(
            _dir,
            $"amqp://{user}@127.0.0.1:{_port}/moderation",
            $"http://{user}@127.0.0.1:{_managementPort}/",
            Enumerable.Range(2, Nodes - 1).Select(k => $"127.0.0.1:{_port + k - 1}").ToList());
    }

    public async Task DisposeAsync()
    {
        if (_dir.Length > 0)
        {
            await ScriptAsync("stop-servers.sh", [_dir], new Dictionary<string, string?>());
        }
    }

    /// <summary>Node k's Erlang node name (k from 1).</summary>
    public string NodeName(int k) => k == 1 ? _nodeName : _nodeName.Replace("@", $"-{k}@", StringComparison.Ordinal);

    /// <summary>The number (from 1) of the node named <paramref name="nodeName"/>.</summary>
    public int NodeNumber(string nodeName) =>
        Enumerable.Range(1, Nodes).Single(k => NodeName(k) == nodeName);

    /// <summary>Stops node k as its operator would (<c>rabbitmqctl stop</c>, through stop-servers.sh).</summary>
    public Task StopNodeAsync(int k) => ScriptAsync("stop-servers.sh", [_dir, $"rabbitmq-{k}"], new Dictionary<string, string?>());

    /// <summary>Starts node k again with its data: it rejoins the cluster and its queue replicas catch up.</summary>
    public Task StartNodeAsync(int k) => ScriptAsync("start-servers.sh", [$"rabbitmq-{k}"], new Dictionary<string, string?> { ["MODERATION_SERVERS_DIR"] = _dir });

    /// <summary>A queue as the management API of the first node that answers describes it; null when none answers or it does not exist.</summary>
    public async Task<QueueReplicas?> QueueAsync(string virtualHost, string queue)
    {
        for (var k = 1; k <= Nodes; k++)
        {
            using var http = RabbitMqVirtualHost.ManagementClient(new Uri($"http://moderation:moderation@127.0.0.1:{_managementPort + k - 1}/"));
            try
            {
                using var response = await http.GetAsync(new Uri($"api/queues/{Uri.EscapeDataString(virtualHost)}/{Uri.EscapeDataString(queue)}", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return QueueReplicas.Parse(await response.Content.ReadAsStringAsync());
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // That node is down: ask the next.
            }
        }

        return null;
    }

    /// <summary>The ports and node name the suite's servers directory was started with (its servers.conf).</summary>
    private static async Task<Dictionary<string, string>> SuiteConfigurationAsync()
    {
        var conf = Path.Combine(TestBroker.Suite.ServersDir, "servers.conf");
        return (await File.ReadAllLinesAsync(conf))
            .Select(line => line.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0].Trim(), pair => pair[1].Trim());
    }

    private static async Task<string> ScriptAsync(string script, string[] arguments, Dictionary<string, string?> environment)
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
