using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Moderation.Outbox;
using Moderation.Testing;

namespace Moderation.Standalone.Tests;

/// <summary>The standalone host composes the scanner and the API, which both write outbox rows.</summary>
public sealed class OutboxRelaySpecs : IAsyncLifetime
{
    private ScratchDatabase _scratch = null!;

    public async Task InitializeAsync() => _scratch = await ScratchDatabase.CreateSqliteAsync(migrate: false);

    public async Task DisposeAsync() => await _scratch.DisposeAsync();

    [Fact]
    public async Task The_standalone_host_runs_one_outbox_relay_for_both_modules()
    {
        await using var app = new StandaloneFactory(_scratch.ConnectionString);

        app.Services.GetServices<IHostedService>().OfType<OutboxRelay>().Should().ContainSingle();
    }
}
