namespace Moderation.Notifier.Delivery;

/// <summary>
/// Exponential backoff with jitter: after attempt n the wait is drawn from [d/2, d] with
/// d = min(initial × 2^(n-1), max), so Notifiers that failed together do not retry together.
/// </summary>
public static class RetrySchedule
{
    public static TimeSpan Delay(int attempts, TimeSpan initial, TimeSpan max, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var exponent = Math.Clamp(attempts - 1, 0, 30);
        var ceiling = Math.Min(initial.TotalMilliseconds * Math.Pow(2, exponent), max.TotalMilliseconds);
        return TimeSpan.FromMilliseconds((ceiling / 2) + (random.NextDouble() * ceiling / 2));
    }
}
