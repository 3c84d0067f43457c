using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moderation.Contracts;
using Moderation.Notifier.Delivery;
using Moderation.Notifier.Forums;
using Moderation.Outbox;
using Moderation.Notifier.Purge;
using Moderation.Notifier.Registrations;
using Moderation.Storage;
using Moderation.Storage.Boards;
using Moderation.Storage.Departments;
using Moderation.Storage.Incidents;
using Moderation.Storage.Notifications;
using Moderation.Storage.Outbox;
using Moderation.Storage.Posts;
using Moderation.Storage.Scans;
using Moderation.Testing;
using Moderation.Verdicts.Incidents;

namespace Moderation.Notifier.Tests.Support;

/// <summary>
/// The Notifier's delivery pass composed as the service composes it, on a PostgreSQL database of its
/// own and a fake clock, with the demo boards and a Chaoyang department whose endpoints the test names.
/// Passes are run by the test, so simulated hours take milliseconds.
/// </summary>
public sealed class NotifierHarness : IAsyncDisposable
{
    public const string SecretSentence = "第三批次的交付地点改为西郊七号仓库";

    private readonly List<ServiceProvider> _providers = [];

    private NotifierHarness(ScratchDatabase database) => Database = database;

    public ScratchDatabase Database { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero));

    public NotificationOutbox Outbox => new(Database.Database, Time);

    public IncidentRepository Incidents => new(Database.Database, Time);

    public static async Task<NotifierHarness> CreateAsync()
    {
        var harness = new NotifierHarness(await ScratchDatabase.CreatePostgresAsync());
        await DemoData.SeedAsync(new BoardRepository(harness.Database.Database, harness.Time), CancellationToken.None);
        return harness;
    }

    /// <summary>Replaces the Chaoyang department's endpoints (one JSON object per endpoint).</summary>
    public async Task UseEndpointsAsync(params string[] endpoints)
    {
        var line = $$"""{"id":"bj-chaoyang","name":"朝阳分局","divisionCode":"110105","endpoints":[{{string.Join(",", endpoints)}}]}""";
        var (departments, problems) = DepartmentFile.Parse(line);
        problems.Should().BeEmpty();
        (await new DepartmentRepository(Database.Database, Time).ImportAsync(departments, CancellationToken.None)).Should().BeEmpty();
    }

    /// <summary>A dispatcher as one Notifier process has it; call twice for two Notifiers.</summary>
    public NotificationDispatcher Dispatcher(Action<NotifierOptions>? configure = null, MeterListenerSink? metrics = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddMetrics();
        services.AddSingleton<TimeProvider>(Time);
        services.AddModerationStorage(Database.Database);
        services.AddOptions<NotifierOptions>().Configure(o =>
        {
            o.AllowPrivateWebhookTargets = true;
            o.DeliveryTimeout = TimeSpan.FromSeconds(10);
            o.Smtp.Security = "None";
            configure?.Invoke(o);
        });
        services.AddHttpClient(WebhookChannel.ClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => WebhookTargetGuard.Handler(sp.GetRequiredService<IOptions<NotifierOptions>>().Value.AllowPrivateWebhookTargets));
        services.AddSingleton<IDeliveryChannel, WebhookChannel>();
        services.AddSingleton<IDeliveryChannel, EmailChannel>();
        services.AddSingleton<NotifierMetrics>();
        services.AddSingleton<NotificationDispatcher>();
        services.AddSingleton<TextPurger>();
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        metrics?.Listen(provider.GetRequiredService<IMeterFactory>());
        return provider.GetRequiredService<NotificationDispatcher>();
    }

    /// <summary>The organizers' notice mailer as one Notifier process has it; call twice for two Notifiers.</summary>
    public RegistrationNoticeMailer Mailer(Action<NotifierOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<TimeProvider>(Time);
        services.AddModerationStorage(Database.Database);
        services.AddOptions<NotifierOptions>().Configure(o =>
        {
            o.DeliveryTimeout = TimeSpan.FromSeconds(10);
            o.Smtp.Security = "None";
            configure?.Invoke(o);
        });
        services.AddSingleton<EmailChannel>();
        services.AddSingleton<RegistrationNoticeMailer>();
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredService<RegistrationNoticeMailer>();
    }

    /// <summary>A forum feed pusher as one Notifier process has it.</summary>
    public ForumWebhookPusher ForumPusher(Action<NotifierOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<TimeProvider>(Time);
        services.AddModerationStorage(Database.Database);
        services.AddOptions<NotifierOptions>().Configure(o =>
        {
            o.AllowPrivateWebhookTargets = true;
            o.DeliveryTimeout = TimeSpan.FromSeconds(10);
            configure?.Invoke(o);
        });
        services.AddOptions<ForumFeedOptions>();
        services.AddSingleton<ForumFeed>();
        services.AddHttpClient(WebhookChannel.ClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => WebhookTargetGuard.Handler(sp.GetRequiredService<IOptions<NotifierOptions>>().Value.AllowPrivateWebhookTargets));
        services.AddSingleton<ForumWebhookPusher>();
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredService<ForumWebhookPusher>();
    }

    public TextPurger Purger() => _providers[^1].GetRequiredService<TextPurger>();

    /// <summary>The metrics of the last Notifier made by <see cref="Dispatcher"/>.</summary>
    public NotifierMetrics Metrics() => _providers[^1].GetRequiredService<NotifierMetrics>();

    /// <summary>A post quoting a protected document, removed by the scan: incident and notifications in one transaction.</summary>
    public async Task<long> RemoveAsync(string postId)
    {
        var now = Time.GetUtcNow();
        var saved = await new ScanStore(Database.Database, Options.Create(new StorageOptions()), time: Time).SaveAsync(new ScanWrite
        {
            Post = new PostRecord
            {
                BoardId = DemoData.ApprovedBoardId,
                PostId = postId,
                Channel = "Bbs",
                AuthorId = "author-1",
                Title = "会议纪要",
                Body = $"绝密★长期 {SecretSentence}-{postId}",
                SubmittedAt = now,
                ReceivedAt = now,
            },
            Action = "Remove",
            Score = 0.98,
            ReasonsJson = "[]",
            RuleSetVersion = "test-1",
            ScannedAt = now,
            Incident = new IncidentOpening
            {
                BoardId = DemoData.ApprovedBoardId,
                PostId = postId,
                Source = "Scan",
                OpenedBy = "scanner",
                Score = 0.98,
                MaskedExcerpt = "绝密★长期 ＊＊＊＊＊＊＊＊",
                Rules = [new IncidentRule { Rule = "marking-with-period", Category = "secrecy-marking", Weight = 0.95 }],
                Fingerprints = ["post-simhash:0123456789abcdef"],
                DetectedAt = now,
                RemovalDetail = "Removed by the automatic scan.",
            },
            Verdict = new OutboundMessage("moderation.verdicts.forum-demo", "PostVerdict", "{}"),
        }, CancellationToken.None);
        return saved.IncidentId!.Value;
    }

    /// <summary>Runs passes, advancing the clock by <paramref name="step"/> between them, for <paramref name="span"/> of simulated time.</summary>
    public async Task RunAsync(NotificationDispatcher dispatcher, TimeSpan span, TimeSpan step)
    {
        for (var elapsed = TimeSpan.Zero; elapsed <= span; elapsed += step)
        {
            await dispatcher.RunOnceAsync(CancellationToken.None);
            Time.Advance(step);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }

        await Database.DisposeAsync();
    }
}
