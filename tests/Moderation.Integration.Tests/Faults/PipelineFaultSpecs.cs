using Moderation.Integration.Tests.Support;
using Xunit.Abstractions;

namespace Moderation.Integration.Tests.Faults;

/// <summary>
/// The fault suite: a load runs through the whole pipeline while one thing breaks and is repaired,
/// and afterwards every revision has exactly one scan, every verdict sent for it agrees, no incident
/// or notification is stored twice, nothing is left unprocessed, and throughput is back within 30 s.
/// Each prints posts, verdicts, duplicates, lost and time to recover (and appends them to
/// <see cref="FaultSize.ReportFile"/>). The size is <see cref="FaultSize"/>'s: reduced in CI, 100,000
/// posts a fault with <c>MODERATION_FAULT_POSTS=100000</c>. The servers are the suite's own
/// (<see cref="FaultServers"/>), since the faults stop them.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class PipelineFaultSpecs(FaultServers servers, ITestOutputHelper output) : IClassFixture<FaultServers>, IAsyncLifetime
{
    private Pipeline _pipeline = null!;
    private FaultRun _run = null!;

    public async Task InitializeAsync()
    {
        _pipeline = await Pipeline.CreateAsync(servers.Broker, data: servers.Data);
        _run = await FaultRun.StartAsync(_pipeline, output);
    }

    public async Task DisposeAsync() => await _pipeline.DisposeAsync();

    [Fact]
    public Task A_scanner_killed_with_sigkill_mid_stream_and_restarted() => _run.RunAsync(
        "scanner-killed",
        () => _run.Scanner.KillAsync(),
        async () => _run.Scanner = await _pipeline.RestartAsync(_run.Scanner));

    [Fact]
    public Task The_broker_restarted_mid_stream() => _run.RunAsync(
        "broker-restarted",
        () => servers.TerminateBrokerAsync(),
        () => servers.StartAsync());

    [Fact]
    public Task PostgreSQL_restarted_mid_stream() => _run.RunAsync(
        "postgres-restarted",
        () => servers.StopAsync("postgres"),
        () => servers.StartAsync());

    [Fact]
    public Task Redis_stopped_for_a_while_mid_stream() => _run.RunAsync(
        $"redis-stopped-{FaultSize.Configured.RedisOutage.TotalSeconds:0}s",
        async () =>
        {
            await servers.StopAsync("redis");
            await Task.Delay(FaultSize.Configured.RedisOutage);
        },
        () => servers.StartAsync());

    [Fact]
    public Task The_notifier_killed_while_delivering() => _run.RunAsync(
        "notifier-killed",
        async () =>
        {
            await UntilAsync(async () => await _pipeline.ScalarAsync<long>("SELECT COUNT(*) FROM notification_outbox WHERE delivered_at IS NOT NULL") > 0);
            await _run.Notifier.KillAsync();
        },
        async () => _run.Notifier = await _pipeline.RestartAsync(_run.Notifier));

    /// <summary>
    /// Over HTTP ingest the Api decides to accept a post, commits it, and then queues it for the
    /// scanner: killed between the two, it queues what it stored unscanned when it starts again.
    /// </summary>
    [Fact]
    public Task The_api_killed_between_a_posts_commit_and_its_message() => _run.RunAsync(
        "api-killed",
        () => _run.Api.KillAsync(),
        async () => _run.Api = await _pipeline.RestartAsync(_run.Api),
        overHttp: true);

    [Fact]
    public Task PostgreSQLs_disk_filled_up_and_freed_again() => _run.RunAsync(
        "disk-full",
        async () =>
        {
            await servers.FillDiskAsync();
            // Long enough for the stall to show: every write to the tests' database fails meanwhile.
            await Task.Delay(TimeSpan.FromSeconds(10));
        },
        () =>
        {
            servers.FreeDisk();
            return Task.CompletedTask;
        });

    private static async Task UntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!await condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
    }
}
