using Microsoft.Extensions.Options;
using Moderation.Hosting;

namespace Moderation.Scanner.Models;

/// <summary>
/// Loads the model before the scanner takes its first message, then checks the registry every
/// <see cref="ModelOptions.RefreshInterval"/> as well, in case a <c>ModelActivated</c> notice was
/// missed (the broker was away when it was sent).
/// </summary>
internal sealed class ModelRefresher(ModelProvider models, IOptions<ModelOptions> options, TimeProvider time, ILogger<ModelRefresher> logger)
    : PeriodicWork(time, logger)
{
    protected override TimeSpan Interval => options.Value.RefreshInterval;

    protected override string Activity => "check for a newly activated model";

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await models.ReloadAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        options.Value.Enabled ? base.ExecuteAsync(stoppingToken) : Task.CompletedTask;

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => models.ReloadAsync(cancellationToken);
}
