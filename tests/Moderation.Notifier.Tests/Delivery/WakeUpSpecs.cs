using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moderation.Notifier.Delivery;
using Moderation.Notifier.Tests.Support;
using Moderation.Testing;

namespace Moderation.Notifier.Tests.Delivery;

public sealed class WakeUpSpecs : IAsyncLifetime
{
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private NotifierHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await NotifierHarness.CreateAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task A_committed_incident_wakes_an_idle_notifier_without_waiting_for_its_poll()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret, _harness.Time);
        await _harness.UseEndpointsAsync($$"""{"kind":"webhook","url":"{{receiver.Url}}","secret":"{{Secret}}"}""");
        // The poll interval runs on the fake clock, which never moves here: only the database's notice can wake the loop.
        var options = Options.Create(new NotifierOptions { PollInterval = TimeSpan.FromMinutes(10) });
        var signal = new NotificationSignal();
        using var listener = new NotificationListener(_harness.Database.Database, signal, NullLogger<NotificationListener>.Instance);
        using var worker = new NotifierWorker(_harness.Dispatcher(o => o.PollInterval = TimeSpan.FromMinutes(10)), signal, _harness.Time, options, NullLogger<NotifierWorker>.Instance);
        await listener.StartAsync(CancellationToken.None);
        await worker.StartAsync(CancellationToken.None);
        await Task.Delay(500);

        await _harness.RemoveAsync("wake-1");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (receiver.ProcessedLog.IsEmpty && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        await worker.StopAsync(CancellationToken.None);
        await listener.StopAsync(CancellationToken.None);
        receiver.ProcessedLog.Should().ContainSingle();
    }
}
