using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Moderation.Hosting;
using Moderation.Hosting.Messaging;
using Moderation.Storage;
using Moderation.Testing;

namespace Moderation.Outbox.Tests;

/// <summary>
/// A host with the message outbox and its relay, on MassTransit's test harness (which records every
/// message sent, as the object that was sent), over a scratch SQLite database, on a clock the test moves.
/// </summary>
public sealed class OutboxHarness : IAsyncLifetime
{
    private ScratchDatabase _scratch = null!;
    private IHost _host = null!;

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 24, 8, 30, 0, TimeSpan.Zero));

    public ITestHarness Harness { get; private set; } = null!;

    public IServiceProvider Services => _host.Services;

    public async Task InitializeAsync()
    {
        _scratch = await ScratchDatabase.CreateSqliteAsync(migrate: false);
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(EmbeddedHost.Settings(_scratch.ConnectionString));
        builder.Services.AddSingleton<TimeProvider>(Time);
        builder.AddServiceDefaults();
        builder.AddModerationStorage();
        builder.AddMessageOutbox();
        builder.AddModerationMessaging((services, configure) => services.AddMassTransitTestHarness(configure));
        _host = builder.Build();
        await _host.StartAsync();
        Harness = _host.Services.GetTestHarness();
    }

    public async Task DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        await _scratch.DisposeAsync();
    }
}
