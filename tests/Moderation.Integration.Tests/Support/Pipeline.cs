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
/// PostgreSQL, the real Redis, an operator with an approved and a suspended board, and scanner
/// processes started from their build output.
/// </summary>
public sealed class Pipeline : IAsyncDisposable
{
    public const string OperatorUser = "forum-demo";

    private readonly List<ServiceProcess> _services = [];

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

    public static async Task<Pipeline> CreateAsync()
    {
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var virtualHost = await RabbitMqVirtualHost.CreateAsync();
        var database = await ScratchDatabase.CreatePostgresAsync();
        var pipeline = new Pipeline(virtualHost, database, suffix);
        var boards = new BoardRepository(database.Database, TimeProvider.System);
        await boards.SaveOperatorAsync(new ForumOperator
        {
            OperatorId = pipeline.OperatorId,
            Name = "Integration test forum",
            AmqpUser = OperatorUser,
            VerdictQueue = pipeline.VerdictQueue,
        }, CancellationToken.None);
        await boards.SaveAsync(pipeline.BoardId, pipeline.OperatorId, "Test board", "Bbs", "110105", BoardStatus.Approved, CancellationToken.None);
        await boards.SaveAsync(pipeline.SuspendedBoardId, pipeline.OperatorId, "Suspended board", "Bbs", "110105", BoardStatus.Suspended, CancellationToken.None);
        return pipeline;
    }

    /// <summary>Starts one more scanner replica (competing consumer on the same queue).</summary>
    /// <param name="withModel">
    /// Score with the classifier too. The pipeline's mechanics (one verdict per post, cases, incidents,
    /// crashes) are specified on rule scores, so they leave it off; the model's specifications turn it on.
    /// </param>
    /// <param name="settings">More settings for this scanner (environment variable names).</param>
    public async Task<ServiceProcess> StartScannerAsync(bool withModel = false, IReadOnlyDictionary<string, string>? settings = null)
    {
        var environment = ServiceEnvironment();
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
        var environment = ServiceEnvironment();
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
    public async Task<ServiceProcess> StartApiAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var environment = ServiceEnvironment();
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            environment[name] = value;
        }

        var api = await ServiceProcess.StartAsync("Moderation.Api", environment);
        _services.Add(api);
        return api;
    }

    public Task<ForumClient> ConnectForumAsync(string user = OperatorUser) => ForumClient.ConnectAsync(VirtualHost.OperatorUrl(user));

    /// <summary>Connects as a broker user issued through <see cref="BrokerAccounts"/>.</summary>
    public Task<ForumClient> ConnectForumAsync(BrokerCredentials credentials) => ForumClient.ConnectAsync(VirtualHost.UrlFor(credentials.User, credentials.Password));

    /// <summary>Operators' broker users on the real broker, through its management API, with rights on this test's virtual host.</summary>
    public RabbitMqBrokerAccounts BrokerAccounts() => new(
        new RabbitMqManagementApi(new HttpClient(), BrokerManagementEndpoint.Parse(TestServers.RabbitMqManagement, VirtualHost.ServiceUrl, virtualHost: null)),
        new BrokerUserRepository(Database.Database),
        new BoardRepository(Database.Database, TimeProvider.System),
        TimeProvider.System,
        NullLogger<RabbitMqBrokerAccounts>.Instance);

    /// <summary>An operator without a configured broker user (it publishes with issued ones), with an approved board.</summary>
    public async Task<(BrokerOperator Operator, string BoardId)> CreateOperatorAsync(string name)
    {
        var operatorId = $"{OperatorId}-{name}";
        var boards = new BoardRepository(Database.Database, TimeProvider.System);
        await boards.SaveOperatorAsync(new ForumOperator { OperatorId = operatorId, Name = name, VerdictQueue = ForumOperator.DefaultVerdictQueue(operatorId) }, CancellationToken.None);
        var boardId = $"{operatorId}-board";
        await boards.SaveAsync(boardId, operatorId, $"Board of {name}", "Bbs", "110105", BoardStatus.Approved, CancellationToken.None);
        return (new BrokerOperator(operatorId, ForumOperator.DefaultVerdictQueue(operatorId)), boardId);
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

    private Dictionary<string, string> ServiceEnvironment() => TestCredentials.With(new Dictionary<string, string>
    {
        ["ConnectionStrings__RabbitMq"] = VirtualHost.ServiceUrl,
        ["ConnectionStrings__Postgres"] = Database.ConnectionString,
        ["ConnectionStrings__Redis"] = TestServers.Redis,
        // A crashed writer's verdicts are relayed after this long; short so the crash test stays quick.
        [$"{StorageOptions.Section.Replace(":", "__", StringComparison.Ordinal)}__{nameof(StorageOptions.OutboxClaimDuration)}"] = "00:00:03",
        ["Logging__LogLevel__Default"] = "Warning",
    }, OperatorId);
}
