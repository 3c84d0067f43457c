using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Moderation.Api.Security;

namespace Moderation.Api.Posts;

/// <summary>
/// The post rate limit for <c>POST /api/v1/posts/batch</c>, counted per post rather than per request:
/// a token bucket per operator of <c>PostsPerOperatorPerSecond</c> (bursts of twice that), beside the
/// single submissions' own. A batch larger than the burst takes the whole burst.
/// </summary>
internal sealed class BatchAllowance(IOptions<SecurityOptions> options) : IDisposable
{
    private readonly int _perSecond = Math.Max(1, options.Value.PostsPerOperatorPerSecond);

    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(operatorId =>
        RateLimitPartition.GetTokenBucketLimiter(operatorId, _ => SecurityRegistration.PostAllowance(Math.Max(1, options.Value.PostsPerOperatorPerSecond))));

    /// <summary>Null when the posts may be taken; otherwise how long to wait before sending them again.</summary>
    public TimeSpan? Take(string operatorId, int posts)
    {
        using var lease = _limiter.AttemptAcquire(operatorId, Math.Min(posts, 2 * _perSecond));
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out TimeSpan wait) ? wait : TimeSpan.FromSeconds(1);
    }

    public int Burst => 2 * _perSecond;

    public void Dispose() => _limiter.Dispose();
}
