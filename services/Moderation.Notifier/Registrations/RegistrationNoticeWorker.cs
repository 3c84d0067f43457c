using Microsoft.Extensions.Options;
using Moderation.Hosting;

namespace Moderation.Notifier.Registrations;

internal sealed class RegistrationNoticeWorker(RegistrationNoticeMailer mailer, TimeProvider time, IOptions<NotifierOptions> options, ILogger<RegistrationNoticeWorker> logger)
    : PeriodicWork(time, logger)
{
    protected override TimeSpan Interval => options.Value.NoticeMailInterval;

    protected override string Activity => "mail organizers' registration notices";

    protected override bool RunsAtStart => true;

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => mailer.RunOnceAsync(cancellationToken);
}
