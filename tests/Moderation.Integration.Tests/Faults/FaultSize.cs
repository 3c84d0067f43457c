using System.Globalization;

namespace Moderation.Integration.Tests.Faults;

/// <summary>
/// How big each fault's run is: <c>MODERATION_FAULT_POSTS</c> posts (1,000 by default, the size CI
/// runs; 100,000 for the full suite) published at <c>MODERATION_FAULT_RATE</c> a second (100 by
/// default: about what one scanner keeps up with on a busy two-core machine, so the posts are still
/// being published when the fault begins), and how long Redis stays away: 30 s in any run of 10,000
/// posts or more, 10 s in the reduced run, where publishing lasts about 10 s (the posts published
/// are answered for some seconds more, so the outage still lands among them).
/// </summary>
public sealed record FaultSize(int Posts, double Rate, TimeSpan RedisOutage)
{
    public static FaultSize Configured { get; } = Read();

    /// <summary>Where each fault's line of figures is appended (<c>MODERATION_FAULT_REPORT</c>).</summary>
    public static string ReportFile =>
        Environment.GetEnvironmentVariable("MODERATION_FAULT_REPORT") is { Length: > 0 } path ? path : Path.Combine(Path.GetTempPath(), "moderation-fault-suite.txt");

    private static FaultSize Read()
    {
        var posts = Environment.GetEnvironmentVariable("MODERATION_FAULT_POSTS") is { Length: > 0 } p ? int.Parse(p, CultureInfo.InvariantCulture) : 1_000;
        var rate = Environment.GetEnvironmentVariable("MODERATION_FAULT_RATE") is { Length: > 0 } r ? double.Parse(r, CultureInfo.InvariantCulture) : 100;
        return new FaultSize(posts, rate, TimeSpan.FromSeconds(posts >= 10_000 ? 30 : 10));
    }
}
