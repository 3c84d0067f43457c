namespace Moderation.Scanner.Models;

/// <summary>Loads the model before the scanner takes its first message.</summary>
internal sealed class ModelRefresher(ModelProvider models) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await models.ReloadAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.CompletedTask;
}
