using System.Diagnostics;

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

    private string _dir = "";
    private string _nodeName = "";
    private int _port;
    private int _managementPort;

    public TestBroker Broker { get; private set; } = null!;

    /// <summary>How long the cluster took to start.</summary>
    public TimeSpan StartTime { get; private set; }

    public async Task InitializeAsync()
    {
        var suite = await LocalServers.SuiteConfigurationAsync();
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
            // Its nodes' exporters after the suite node's (each node takes the port + k - 1).
            ["MODERATION_RABBITMQ_PROMETHEUS_PORT"] = (int.Parse(suite["MODERATION_RABBITMQ_PROMETHEUS_PORT"], System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["MODERATION_RABBITMQ_DIST_PORT"] = (int.Parse(suite["MODERATION_RABBITMQ_DIST_PORT"], System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["MODERATION_EPMD_PORT"] = suite["MODERATION_EPMD_PORT"],
            ["MODERATION_RABBITMQ_NODENAME"] = _nodeName,
        };
        var started = Stopwatch.StartNew();
        _dir = (await LocalServers.ScriptAsync("start-servers.sh", ["rabbitmq"], environment)).Trim().Split('\n')[^1];
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
            await LocalServers.ScriptAsync("stop-servers.sh", [_dir], new Dictionary<string, string?>());
        }
    }

    /// <summary>Node k's Erlang node name (k from 1).</summary>
    public string NodeName(int k) => k == 1 ? _nodeName : _nodeName.Replace("@", $"-{k}@", StringComparison.Ordinal);

    /// <summary>The number (from 1) of the node named <paramref name="nodeName"/>.</summary>
    public int NodeNumber(string nodeName) =>
        Enumerable.Range(1, Nodes).Single(k => NodeName(k) == nodeName);

    /// <summary>Stops node k as its operator would (<c>rabbitmqctl stop</c>, through stop-servers.sh).</summary>
    public Task StopNodeAsync(int k) => LocalServers.ScriptAsync("stop-servers.sh", [_dir, $"rabbitmq-{k}"], new Dictionary<string, string?>());

    /// <summary>Starts node k again with its data: it rejoins the cluster and its queue replicas catch up.</summary>
    public Task StartNodeAsync(int k) => LocalServers.ScriptAsync("start-servers.sh", [$"rabbitmq-{k}"], new Dictionary<string, string?> { ["MODERATION_SERVERS_DIR"] = _dir });

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
}
