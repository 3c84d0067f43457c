using Moderation.Hosting;
using Moderation.Storage.Accounts;

namespace Moderation.Api.Security;

/// <summary>Hourly, forgets failed sign-ins too old to count (<see cref="SignInThrottle.ForgetAfter"/>).</summary>
internal sealed class SignInAttemptSweeper(SignInAttemptRepository attempts, SignInThrottle throttle, TimeProvider time, ILogger<SignInAttemptSweeper> logger)
    : PeriodicWork(time, logger)
{
    private readonly TimeProvider _time = time;

    protected override TimeSpan Interval { get; } = TimeSpan.FromHours(1);

    protected override string Activity => "forget old failed sign-ins";

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        int forgotten = await attempts.ForgetAsync(_time.GetUtcNow() - throttle.ForgetAfter, cancellationToken);
        if (forgotten > 0)
        {
            logger.LogInformation("Forgot {Count} old failed sign-in record(s)", forgotten);
        }
    }
}
