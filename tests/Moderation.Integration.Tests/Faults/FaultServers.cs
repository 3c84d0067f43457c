using System.Globalization;
using Moderation.Integration.Tests.Support;
using Npgsql;

namespace Moderation.Integration.Tests.Faults;

/// <summary>
/// RabbitMQ, PostgreSQL and Redis of the fault suite's own, started with deploy/local beside the
/// suite's (on its ports plus 5, node <c>&lt;suite node&gt;-faults</c>, the suite's epmd), because the
/// faults stop and restart them: the suite's servers are shared with the test projects running
/// beside this one. PostgreSQL keeps the tests' databases in a tablespace on a small tmpfs of its
/// own, so that disk can fill up without touching anything else.
/// </summary>
public sealed class FaultServers : IAsyncLifetime
{
    private const int PortOffset = 5;
    private const string Tablespace = "fault_disk";

    private string _dir = "";
    private string _disk = "";
    private string _filler = "";

    public TestBroker Broker { get; private set; } = null!;

    public DataServers Data { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var suite = await LocalServers.SuiteConfigurationAsync();
        string Moved(string name) => (int.Parse(suite[name], CultureInfo.InvariantCulture) + PortOffset).ToString(CultureInfo.InvariantCulture);
        var node = suite["MODERATION_RABBITMQ_NODENAME"];
        var at = node.IndexOf('@', StringComparison.Ordinal);
        var environment = new Dictionary<string, string?>
        {
            ["MODERATION_SERVERS_DIR"] = null,
            ["MODERATION_RABBITMQ_NODES"] = "1",
            ["MODERATION_RABBITMQ_PORT"] = Moved("MODERATION_RABBITMQ_PORT"),
            ["MODERATION_RABBITMQ_MANAGEMENT_PORT"] = Moved("MODERATION_RABBITMQ_MANAGEMENT_PORT"),
            ["MODERATION_RABBITMQ_PROMETHEUS_PORT"] = Moved("MODERATION_RABBITMQ_PROMETHEUS_PORT"),
            ["MODERATION_RABBITMQ_DIST_PORT"] = Moved("MODERATION_RABBITMQ_DIST_PORT"),
            ["MODERATION_EPMD_PORT"] = suite["MODERATION_EPMD_PORT"],
            ["MODERATION_RABBITMQ_NODENAME"] = $"{node[..at]}-faults{node[at..]}",
            ["MODERATION_POSTGRES_PORT"] = Moved("MODERATION_POSTGRES_PORT"),
            ["MODERATION_REDIS_PORT"] = Moved("MODERATION_REDIS_PORT"),
        };
        _dir = (await LocalServers.ScriptAsync("start-servers.sh", [], environment)).Trim().Split('\n')[^1];
        var env = await ReadEnvAsync(Path.Combine(_dir, "env"));
        Broker = new TestBroker(_dir, env["ConnectionStrings__RabbitMq"], env["ConnectionStrings__RabbitMqManagement"], []);
        await MountDiskAsync(env["ConnectionStrings__Postgres"]);
        Data = new DataServers(env["ConnectionStrings__Postgres"], env["ConnectionStrings__Redis"], Tablespace);
    }

    public async Task DisposeAsync()
    {
        if (_dir.Length == 0)
        {
            return;
        }

        await LocalServers.ScriptAsync("stop-servers.sh", [_dir, "postgres"], []);
        if (_disk.Length > 0)
        {
            await RunAsync("umount", _disk);
        }

        await LocalServers.ScriptAsync("stop-servers.sh", [_dir], []);
    }

    /// <summary>Stops one server (<c>rabbitmq</c>, <c>postgres</c>, <c>redis</c>) as its operator would; its data stays.</summary>
    public Task StopAsync(string server) => LocalServers.ScriptAsync("stop-servers.sh", [_dir, server], []);

    /// <summary>
    /// Stops the broker with SIGTERM, as a supervisor restarting it does (RabbitMQ shuts down cleanly
    /// on it), and waits until it is gone. <c>rabbitmqctl stop</c> would do the same, but on a busy
    /// machine its own Erlang VM takes tens of seconds to boot, and the fault would land after the run.
    /// </summary>
    public async Task TerminateBrokerAsync()
    {
        var pid = int.Parse((await File.ReadAllLinesAsync(Path.Combine(_dir, "rabbitmq", "rabbitmq.pid")))[0].Trim(), CultureInfo.InvariantCulture);
        await RunAsync("kill", "-TERM", pid.ToString(CultureInfo.InvariantCulture));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (Directory.Exists($"/proc/{pid}") && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
    }

    /// <summary>Starts what is stopped again, with its data (Redis starts empty, as it runs without persistence).</summary>
    public async Task StartAsync()
    {
        await LocalServers.ScriptAsync("start-servers.sh", [], new Dictionary<string, string?> { ["MODERATION_SERVERS_DIR"] = _dir });
        // The services reconnect by themselves; the load's own pooled connections to a restarted
        // PostgreSQL are dead, and its check of the database would fail on them.
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>Fills PostgreSQL's small disk to the last byte with a file of its own.</summary>
    public async Task FillDiskAsync()
    {
        // fallocate takes all but a few megabytes at once (all of it is refused: the file's own pages
        // need room too); a write of zeros until the disk refuses it takes the rest.
        var free = new DriveInfo(_disk).AvailableFreeSpace - (4 << 20);
        await RunAsync("fallocate", "-l", free.ToString(CultureInfo.InvariantCulture), _filler);
        await RunAsync("sh", "-c", $"cat /dev/zero >> '{_filler}' 2>/dev/null; true");
    }

    /// <summary>Frees the disk again.</summary>
    public void FreeDisk() => File.Delete(_filler);

    /// <summary>
    /// A tmpfs for the tablespace, owned by the user PostgreSQL runs as, sized for the run: about
    /// 8 kB a post (row, indexes, outbox) and never under 256 MB; a tmpfs takes memory only as it fills.
    /// </summary>
    private async Task MountDiskAsync(string postgres)
    {
        var megabytes = Math.Max(256, FaultSize.Configured.Posts * 8 / 1024);
        _disk = Path.Combine(_dir, "fault-disk");
        Directory.CreateDirectory(_disk);
        await RunAsync("mount", "-t", "tmpfs", "-o", $"size={megabytes}m,mode=0755", "tmpfs", _disk);
        var owner = (await RunAsync("stat", "-c", "%U", Path.Combine(_dir, "postgres", "data"))).Trim();
        var location = Path.Combine(_disk, "pg");
        Directory.CreateDirectory(location);
        await RunAsync("chown", $"{owner}:", location);
        await RunAsync("chmod", "700", location);
        _filler = Path.Combine(_disk, "filler");
        await using var connection = new NpgsqlConnection(postgres);
        await connection.OpenAsync();
        // The location is this fixture's own path: a tablespace's location cannot be a parameter.
        await using var create = new NpgsqlCommand($"CREATE TABLESPACE {Tablespace} LOCATION '{location}'", connection);
        await create.ExecuteNonQueryAsync();
    }

    private static async Task<Dictionary<string, string>> ReadEnvAsync(string path) =>
        (await File.ReadAllLinesAsync(path))
            .Where(line => line.StartsWith("export ", StringComparison.Ordinal))
            .Select(line => line["export ".Length..].Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair[1].Trim('"'));

    /// <remarks>Mounting the tmpfs and handing it to PostgreSQL's user needs root, as tests/run.sh runs in CI.</remarks>
    private static Task<string> RunAsync(string program, params string[] arguments) => Commands.RunAsync(program, arguments);
}
