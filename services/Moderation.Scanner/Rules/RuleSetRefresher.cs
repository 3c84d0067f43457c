using Moderation.Hosting;

namespace Moderation.Scanner.Rules;

/// <summary>
/// Loads the active rule set before the scanner takes its first message, then checks the database
/// every <see cref="Interval"/> as well, in case an activation notice was missed (the broker was
/// away when it was sent).
/// </summary>
internal sealed class RuleSetRefresher(DetectionEngineProvider engines, TimeProvider time, ILogger<RuleSetRefresher> logger)
    : PeriodicWork(time, logger)
{
    protected override TimeSpan Interval { get; } = TimeSpan.FromSeconds(30);

    protected override string Activity => "check for a newly activated rule set";

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await engines.ReloadAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => engines.ReloadAsync(cancellationToken);
}
