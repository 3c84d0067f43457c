using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Moderation.Hosting;

namespace Moderation.Onboarding;

/// <summary>
/// Retires the broker users whose rotation overlap has ended. Every replica may run it: deleting a
/// user twice is no error, and each pass takes up what an earlier failed one left.
/// </summary>
public sealed class ExpiredBrokerUserSweeper(
    RabbitMqBrokerAccounts accounts,
    IOptions<BrokerAccountsOptions> options,
    TimeProvider time,
    ILogger<ExpiredBrokerUserSweeper> logger) : PeriodicWork(time, logger)
{
    protected override TimeSpan Interval => options.Value.SweepInterval;

    protected override string Activity => "retire expired broker users";

    protected override bool RunsAtStart => true;

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => accounts.RetireExpiredAsync(cancellationToken);
}
