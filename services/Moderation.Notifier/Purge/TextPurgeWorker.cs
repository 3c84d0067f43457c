using Microsoft.Extensions.Options;
using Moderation.Hosting;

namespace Moderation.Notifier.Purge;

internal sealed class TextPurgeWorker(TextPurger purger, TimeProvider time, IOptions<NotifierOptions> options, ILogger<TextPurgeWorker> logger)
    : PeriodicWork(time, logger)
{
    protected override TimeSpan Interval => options.Value.PurgeInterval;

    protected override string Activity => "purge handed-off texts";

    protected override bool RunsAtStart => true;

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => purger.RunOnceAsync(cancellationToken);
}
