using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moderation.Detection.Fingerprints;
using Moderation.Fingerprints;
using Moderation.Storage.Fingerprints;
using Moderation.Testing;

namespace Moderation.Scanner.Tests.Fingerprints;

/// <summary>How a process's fingerprint index follows the database and the mirror, with a mirror that can be emptied, cut off and reconnected.</summary>
public sealed class FingerprintIndexSyncSpecs : IAsyncLifetime
{
    private static readonly FingerprintScheme Scheme = FingerprintScheme.FromSecret("sync-secret");

    private static readonly string[] Texts =
    [
        "根据年度试验计划安排，青岚-7型设备第二阶段外场试验定于十一月中旬在北岭试验场组织实施，试验分三个批次进行，每批次持续四天。",
        "会议要求动力部于十月底前拿出联调补救方案，必要时组织双班作业，确保年底前完成全部联调科目，复检结果报项目管理办公室备案。",
        "新建澜江、北坡、青溪三个区域库，分别覆盖西部山区、北部牧区和东部沿江地区，区域库储备规模按照服务人口核定，资金由省州分担。",
    ];

    private readonly FakeMirror _mirror = new();
    private ScratchDatabase _scratch = null!;
    private FingerprintRepository _repository = null!;
    private LiveFingerprintIndex _index = null!;

    public async Task InitializeAsync()
    {
        _scratch = await ScratchDatabase.CreateSqliteAsync();
        _repository = new FingerprintRepository(_scratch.Database, TimeProvider.System);
        _index = new LiveFingerprintIndex(Scheme, NullLogger<LiveFingerprintIndex>.Instance);
    }

    public async Task DisposeAsync() => await _scratch.DisposeAsync();

    private static FingerprintDocument Document(int i) => Scheme.Compute($"doc-{i}", null, Texts[i]);

    private FingerprintIndexSync Sync(TimeSpan? interval = null) => new(
        _index, _mirror, _repository,
        Options.Create(new FingerprintOptions { Secret = "sync-secret", ResyncInterval = interval ?? TimeSpan.FromHours(1) }),
        NullLogger<FingerprintIndexSync>.Instance);

    private Task StoreAsync(int i) => _repository.RegisterAsync(FingerprintRecords.ToStored(Document(i), "officer"), CancellationToken.None);

    [Fact]
    public async Task At_start_a_complete_mirror_is_loaded_and_the_database_is_only_counted()
    {
        await StoreAsync(0);
        await StoreAsync(1);
        _mirror.Documents.AddRange([Document(0), Document(1)]);
        using var sync = Sync();

        await sync.StartAsync(CancellationToken.None);

        _index.Current.Count.Should().Be(2);
        _mirror.Stored.Should().BeEmpty();
        _mirror.Subscribed.Should().BeTrue();
        await sync.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task At_start_an_empty_or_incomplete_mirror_is_rebuilt_from_the_database()
    {
        await StoreAsync(0);
        await StoreAsync(1);
        _mirror.Documents.Add(Document(0));
        using var sync = Sync();

        await sync.StartAsync(CancellationToken.None);

        _index.Current.Documents.Select(d => d.DocumentId).Should().BeEquivalentTo(["doc-0", "doc-1"]);
        _mirror.Stored.Select(d => d.DocumentId).Should().BeEquivalentTo(["doc-0", "doc-1"]);
        _index.Current.Match(Texts[1]).Should().NotBeEmpty();
        await sync.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task With_the_mirror_down_the_database_is_loaded_and_a_later_subscription_is_retried()
    {
        await StoreAsync(2);
        _mirror.Down = true;
        using var sync = Sync(interval: TimeSpan.FromMilliseconds(50));

        await sync.StartAsync(CancellationToken.None);
        _index.Current.Count.Should().Be(1);
        _mirror.Subscribed.Should().BeFalse();
        _mirror.Down = false;
        await WaitUntilAsync(() => _mirror.Subscribed);

        _mirror.Subscribed.Should().BeTrue();
        await sync.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_notification_is_applied_at_once_and_a_reconnection_reloads_what_was_missed()
    {
        using var sync = Sync();
        await sync.StartAsync(CancellationToken.None);

        await StoreAsync(0);
        _mirror.Publish(Document(0));
        _index.Current.Contains("doc-0").Should().BeTrue();

        // Registered while the subscription was cut: no notification, only the reconnection.
        await StoreAsync(1);
        _mirror.Documents.AddRange([Document(0), Document(1)]);
        _mirror.Reconnect();
        await WaitUntilAsync(() => _index.Current.Contains("doc-1"));

        _index.Current.Count.Should().Be(2);
        await sync.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task The_periodic_count_check_finds_a_document_whose_notification_was_lost()
    {
        using var sync = Sync(interval: TimeSpan.FromMilliseconds(50));
        await sync.StartAsync(CancellationToken.None);

        await StoreAsync(2);
        await WaitUntilAsync(() => _index.Current.Contains("doc-2"));

        _index.Current.Count.Should().Be(1);
        await sync.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_document_under_another_secret_is_left_out_with_the_rest_loaded()
    {
        await StoreAsync(0);
        var foreign = FingerprintScheme.FromSecret("another-secret").Compute("foreign", null, Texts[1]);
        await _repository.RegisterAsync(FingerprintRecords.ToStored(foreign, "officer"), CancellationToken.None);
        using var sync = Sync();

        await sync.StartAsync(CancellationToken.None);

        _index.Current.Documents.Select(d => d.DocumentId).Should().Equal("doc-0");
        _index.Apply(foreign).Should().BeFalse();
        await sync.StopAsync(CancellationToken.None);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
    }

    private sealed class FakeMirror : IFingerprintMirror
    {
        private Action<FingerprintDocument>? _registered;
        private Action? _reconnected;

        public List<FingerprintDocument> Documents { get; } = [];

        public List<FingerprintDocument> Stored { get; } = [];

        public bool Down { get; set; }

        public bool Subscribed => _registered is not null;

        public bool IsShared => true;

        public void Publish(FingerprintDocument document) => _registered!(document);

        public void Reconnect() => _reconnected!();

        public Task PublishAsync(FingerprintDocument document, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<IReadOnlyList<FingerprintDocument>?> LoadAsync(CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<FingerprintDocument>?>(Down ? null : [.. Documents]);

        public Task StoreAsync(IReadOnlyList<FingerprintDocument> documents, CancellationToken cancellationToken)
        {
            Stored.AddRange(documents);
            return Task.CompletedTask;
        }

        public Task SubscribeAsync(Action<FingerprintDocument> registered, Action reconnected, CancellationToken cancellationToken)
        {
            if (Down)
            {
                throw new InvalidOperationException("Redis is down.");
            }

            _registered = registered;
            _reconnected = reconnected;
            return Task.CompletedTask;
        }
    }
}
