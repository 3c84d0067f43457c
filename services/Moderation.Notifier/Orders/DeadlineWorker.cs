using Microsoft.Extensions.Options;
using Moderation.Hosting;

namespace Moderation.Notifier.Orders;

internal sealed class DeadlineWorker(DeadlineTracker tracker, TimeProvider time, IOptions<NotifierOptions> options, ILogger<DeadlineWorker> logger)
    : PeriodicWork(time, logger)
{
    protected override TimeSpan Interval => options.Value.DeadlineCheckInterval;

    protected override string Activity => "check order deadlines";

    protected override bool RunsAtStart => true;

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => tracker.RunOnceAsync(cancellationToken);
}
