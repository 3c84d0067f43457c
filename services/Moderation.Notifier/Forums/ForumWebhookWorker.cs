using Microsoft.Extensions.Options;
using Moderation.Hosting;

namespace Moderation.Notifier.Forums;

internal sealed class ForumWebhookWorker(ForumWebhookPusher pusher, TimeProvider time, IOptions<NotifierOptions> options, ILogger<ForumWebhookWorker> logger)
    : PeriodicWork(time, logger)
{
    protected override TimeSpan Interval => options.Value.ForumWebhookInterval;

    protected override string Activity => "push forum feeds to their webhooks";

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => pusher.RunOnceAsync(cancellationToken);
}
