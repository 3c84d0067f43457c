using Moderation.Testing;
using Dapper;
using Moderation.Storage;
using Microsoft.Extensions.Options;
using Moderation.Storage.Boards;
using Moderation.Storage.Outbox;
using Moderation.Storage.Posts;
using Moderation.Storage.Scans;
using Microsoft.Extensions.Logging.Abstractions;
using Moderation.Onboarding;


namespace Moderation.Integration.Tests.Support;

/// <summary>
/// The distributed system for one test: a virtual host on the real RabbitMQ, a database on the real
/// PostgreSQL, the real Redis, an Api, and an operator registered through it (see <see cref="Registrar"/>)
/// with an approved and a suspended board and its own broker user, plus scanner processes started
/// from their build output.
/// </summary>
public sealed class Pipeline : IAsyncDisposable
{
    private readonly List<ServiceProcess> _services = [];

    private string _logLevel = "Warning";

    private DataServers _data = DataServers.Suite;

    private Pipeline(RabbitMqVirtualHost virtualHost, ScratchDatabase database, string suffix)
    {
        VirtualHost = virtualHost;
        Database = database;
        OperatorId = $"op-{suffix}";
        BoardId = $"board-{suffix}";
        SuspendedBoardId = $"board-{suffix}-suspended";
    }

    public RabbitMqVirtualHost VirtualHost { get; }

    public ScratchDatabase Database { get; }

    public string OperatorId { get; }

    public string VerdictQueue => ForumOperator.DefaultVerdictQueue(OperatorId);

    public string BoardId { get; }

    public string SuspendedBoardId { get; }

    /// <summary>The Api the boards were registered through; it keeps running for the test.</summary>
    public ServiceProcess Api { get; private set; } = null!;

    /// <summary>The operator's credentials, as its organizer collected them once the first board was approved.</summary>
    public IssuedCredentials Credentials { get; private set; } = null!;

    /// <summary>The operator's broker user (issued at registration), which forums publish as.</summary>
    public string OperatorUser => Credentials.BrokerUser!;

    /// <summary>The operator's AMQP URL with its issued user and password, on this test's virtual host.</summary>
    public string OperatorUrl => VirtualHost.UrlFor(Credentials.BrokerUser!, Credentials.BrokerPassword!);

    /// <param name="broker">The RabbitMQ to run on: the suite's node unless told (the cluster specifications pass their cluster).</param>
    /// <param name="logLevel">The services' default log level; the log scan for secrets reads everything, down to Trace.</param>
    /// <param name="data">The PostgreSQL and Redis to run on: the suite's unless told (the fault specifications pass their own, which they restart).</param>
    public static async Task<Pipeline> CreateAsync(TestBroker? broker = null, string logLevel = "Warning", DataServers? data = null)
    {
        data ??= DataServers.Suite;
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var virtualHost = await RabbitMqVirtualHost.CreateAsync(broker);
        var database = await ScratchDatabase.CreatePostgresAsync(server: data.Postgres, tablespace: data.Tablespace);
        var pipeline = new Pipeline(virtualHost, database, suffix) { _logLevel = logLevel, _data = data };
        try
        {
            pipeline.Api = await pipeline.StartApiAsync(registersOperator: true);
            using var registrar = await pipeline.RegistrarAsync();
            (_, pipeline.Credentials) = await registrar.RegisterAsync(pipeline.BoardId, pipeline.OperatorId);
            var suspended = await registrar.ApprovedAsync(pipeline.SuspendedBoardId, pipeline.OperatorId);
            await registrar.Client.DecideAsync(suspended, "Suspend", "suspended for the tests of refused posts");
        }
        catch
        {
            await pipeline.DisposeAsync();
            throw;
        }

        return pipeline;
    }

    /// <summary>The organizer and the officer of the tests, on <see cref="Api"/>.</summary>
    public Task<Registrar> RegistrarAsync() => Registrar.ConnectAsync(Api.BaseAddress);

    /// <summary>Starts one more scanner replica (competing consumer on the same queue).</summary>
    /// <param name="withModel">
    /// Score with the classifier too. The pipeline's mechanics (one verdict per post, cases, incidents,
    /// crashes) are specified on rule scores, so they leave it off; the model's specifications turn it on.
    /// </param>
    /// <param name="settings">More settings for this scanner (environment variable names).</param>
    public async Task<ServiceProcess> StartScannerAsync(bool withModel = false, IReadOnlyDictionary<string, string>? settings = null)
    {
        var environment = ServiceEnvironment(OperatorId);
        environment["Moderation__Model__Enabled"] = withModel ? "true" : "false";
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            environment[name] = value;
        }

        var scanner = await ServiceProcess.StartAsync("Moderation.Scanner", environment);
        _services.Add(scanner);
        return scanner;
    }

    /// <summary>
    /// Starts one Notifier. Short leases and backoff keep the crash tests quick; webhook targets on
    /// loopback are allowed because the test's department receiver listens there.
    /// </summary>
    public async Task<ServiceProcess> StartNotifierAsync()
    {
        var environment = ServiceEnvironment(OperatorId);
        environment["Moderation__Notifier__AllowPrivateWebhookTargets"] = "true";
        environment["Moderation__Notifier__ClaimDuration"] = "00:00:04";
        environment["Moderation__Notifier__DeliveryTimeout"] = "00:00:03";
        environment["Moderation__Notifier__InitialBackoff"] = "00:00:00.500";
        environment["Moderation__Notifier__PollInterval"] = "00:00:00.100";
        environment["Moderation__Notifier__PurgeInterval"] = "00:00:00.500";
        var notifier = await ServiceProcess.StartAsync("Moderation.Notifier", environment);
        _services.Add(notifier);
        return notifier;
    }

    /// <param name="settings">More settings for this API instance (environment variable names).</param>
    public Task<ServiceProcess> StartApiAsync(IReadOnlyDictionary<string, string>? settings = null) => StartApiAsync(registersOperator: false, settings);

    /// <param name="registersOperator">
    /// The first Api, which registers the operator: it cannot bind the test forum key to an operator not
    /// registered yet. It signs people in over plain http and issues broker users on this virtual host.
    /// </param>
    private async Task<ServiceProcess> StartApiAsync(bool registersOperator, IReadOnlyDictionary<string, string>? settings = null)
    {
        var environment = ServiceEnvironment(registersOperator ? null : OperatorId);
        environment["ConnectionStrings__RabbitMqManagement"] = VirtualHost.Broker.Management;
        environment["Moderation__Security__SecureCookies"] = "false";
        // Tests that retire users past their overlap run the sweep themselves, so they know when it ran.
        environment["Moderation__Broker__SweepInterval"] = "01:00:00";
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            environment[name] = value;
        }

        // Every test starts the registering Api first, while the previous test's processes may still be
        // winding down on the shared cores: it gets longer to report ready than the services after it.
        var api = await ServiceProcess.StartAsync("Moderation.Api", environment, registersOperator ? TimeSpan.FromSeconds(120) : null);
        _services.Add(api);
        return api;
    }

    /// <summary>Connects as the operator, with the broker user its organizer collected.</summary>
    public Task<ForumClient> ConnectForumAsync() => ConnectForumAsync(Credentials);

    /// <summary>Connects as one of the test broker's fixed users (e.g. <c>forum-other</c>, who runs no board).</summary>
    public Task<ForumClient> ConnectForumAsync(string user) => ForumClient.ConnectAsync(VirtualHost.OperatorUrl(user));

    /// <summary>Connects as a broker user issued through registration or <see cref="BrokerAccounts"/>.</summary>
    public Task<ForumClient> ConnectForumAsync(BrokerCredentials credentials) => ForumClient.ConnectAsync(VirtualHost.UrlFor(credentials.User, credentials.Password));

    /// <summary>Connects with the broker user of collected credentials.</summary>
    public Task<ForumClient> ConnectForumAsync(IssuedCredentials credentials) => ForumClient.ConnectAsync(VirtualHost.UrlFor(credentials.BrokerUser!, credentials.BrokerPassword!));

    /// <summary>Operators' broker users on the real broker, through its management API, with rights on this test's virtual host (for the sweep of expired users).</summary>
    public RabbitMqBrokerAccounts BrokerAccounts() => new(
        new RabbitMqManagementApi(new HttpClient(), BrokerManagementEndpoint.Parse(VirtualHost.Broker.Management, VirtualHost.ServiceUrl, virtualHost: null)),
        new BrokerUserRepository(Database.Database),
        new BoardRepository(Database.Database, TimeProvider.System),
        TimeProvider.System,
        NullLogger<RabbitMqBrokerAccounts>.Instance);

    /// <summary>Another operator, registered through the Api: its first board approved and its credentials collected.</summary>
    public async Task<RegisteredOperator> CreateOperatorAsync(string name)
    {
        var operatorId = $"{OperatorId}-{name}";
        var boardId = $"{operatorId}-board";
        using var registrar = await RegistrarAsync();
        var (applicationId, credentials) = await registrar.RegisterAsync(boardId, operatorId);
        return new RegisteredOperator(new BrokerOperator(operatorId, ForumOperator.DefaultVerdictQueue(operatorId)), boardId, applicationId, credentials);
    }

    public async Task<T> ScalarAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = await Database.Database.OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<T>(sql, parameters) ?? throw new InvalidOperationException($"No value for: {sql}");
    }

    /// <summary>A held post with its review case, saved as a scanner saves it (its verdict left unsent).</summary>
    public async Task<ScanSaved> SaveHeldPostAsync(string postId, IOptions<StorageOptions>? storage = null)
    {
        var now = DateTimeOffset.UtcNow;
        return await new ScanStore(Database.Database, storage ?? Options.Create(new StorageOptions())).SaveAsync(new ScanWrite
        {
            Post = new PostRecord { BoardId = BoardId, PostId = postId, Revision = 0, Channel = "Bbs", AuthorId = "a-1", Body = "机密★10年 附件", SubmittedAt = now, ReceivedAt = now },
            Action = "Hold",
            Score = 0.7,
            ReasonsJson = "[]",
            RuleSetVersion = "test-1",
            ScannedAt = now,
            OpensReviewCase = true,
            Verdict = new OutboundMessage(VerdictQueue, "PostVerdict", "{}"),
        }, CancellationToken.None);
    }

    /// <summary>Kills <paramref name="service"/> if it still runs and starts it again at the same address with the same settings, as a supervisor would.</summary>
    public async Task<ServiceProcess> RestartAsync(ServiceProcess service)
    {
        await service.KillAsync();
        var restarted = await service.StartAgainAsync();
        _services.Add(restarted);
        return restarted;
    }

    public string ServiceLogs => string.Join("\n----\n", _services.Select(s => s.Log));

    public async ValueTask DisposeAsync()
    {
        foreach (var service in _services)
        {
            await service.DisposeAsync();
        }

        await Database.DisposeAsync();
        await VirtualHost.DisposeAsync();
    }

    private Dictionary<string, string> ServiceEnvironment(string? forumKeyOperator) => TestCredentials.With(new Dictionary<string, string>(VirtualHost.Broker.ClusterSettings())
    {
        ["ConnectionStrings__RabbitMq"] = VirtualHost.ServiceUrl,
        ["ConnectionStrings__Postgres"] = Database.ConnectionString,
        ["ConnectionStrings__Redis"] = _data.Redis,
        // A crashed writer's verdicts are relayed after this long: shorter than the services' 30 s so the
        // crash tests stay quick, long enough that a live scanner's send (half the claim) finishes on a
        // loaded two-core machine. At 3 s a burst of posts on two scanners outran the 1.5 s send
        // timeout and the relay sent some verdicts a second time.
        [$"{StorageOptions.Section.Replace(":", "__", StringComparison.Ordinal)}__{nameof(StorageOptions.OutboxClaimDuration)}"] = "00:00:10",
        ["Logging__LogLevel__Default"] = _logLevel,
        // The services' appsettings set these categories on their own; the same level for all of them.
        ["Logging__LogLevel__Microsoft.AspNetCore"] = _logLevel,
        ["Logging__LogLevel__MassTransit"] = _logLevel,
        ["Logging__LogLevel__Moderation"] = _logLevel,
        ["Logging__LogLevel__System.Net.Http.HttpClient"] = _logLevel,
    }, forumKeyOperator);
}
