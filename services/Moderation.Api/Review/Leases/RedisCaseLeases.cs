using System.Globalization;
using Microsoft.Extensions.Logging;
using Moderation.Hosting.Redis;
using StackExchange.Redis;

namespace Moderation.Api.Review.Leases;

/// <summary>
/// Leases as Redis keys with a TTL, shared by every API instance. Acquire and release are scripts,
/// so the compare and the write are one step. When Redis is unreachable the fast path is skipped
/// (every claim goes to the database, which stays correct).
/// </summary>
public sealed class RedisCaseLeases(string configuration, string prefix, ILogger<RedisCaseLeases> logger) : ICaseLeases, IAsyncDisposable
{
    private const string AcquireScript = """
        local current = redis.call('GET', KEYS[1])
        if (not current) or current == ARGV[1] then
          redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
          return ''
        end
        return current
        """;

    private const string ReleaseScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then
          return redis.call('DEL', KEYS[1])
        end
        return 0
        """;

    private readonly LazyRedisConnection _redis = new(configuration);

    public async Task<string?> TryAcquireAsync(long caseId, string holder, TimeSpan lease, CancellationToken cancellationToken)
    {
        try
        {
            var db = (await ConnectAsync(cancellationToken)).GetDatabase();
            var result = (string?)await db.ScriptEvaluateAsync(AcquireScript, [Key(caseId)], [holder, Milliseconds(lease)]);
            return string.IsNullOrEmpty(result) ? null : result;
        }
        catch (RedisException ex)
        {
            logger.LogWarning(ex, "Claim leases unavailable in Redis; case {CaseId} is claimed through the database alone", caseId);
            return null;
        }
    }

    public async Task OverwriteAsync(long caseId, string holder, TimeSpan lease, CancellationToken cancellationToken)
    {
        try
        {
            var db = (await ConnectAsync(cancellationToken)).GetDatabase();
            await db.StringSetAsync(Key(caseId), holder, lease);
        }
        catch (RedisException ex)
        {
            logger.LogWarning(ex, "Could not record the lease of case {CaseId} in Redis", caseId);
        }
    }

    public async Task ReleaseAsync(long caseId, string holder, CancellationToken cancellationToken)
    {
        try
        {
            var db = (await ConnectAsync(cancellationToken)).GetDatabase();
            await db.ScriptEvaluateAsync(ReleaseScript, [Key(caseId)], [holder]);
        }
        catch (RedisException ex)
        {
            logger.LogWarning(ex, "Could not drop the lease of case {CaseId} in Redis; it expires by itself", caseId);
        }
    }

    public ValueTask DisposeAsync() => _redis.DisposeAsync();

    private RedisKey Key(long caseId) => $"{prefix}{caseId.ToString(CultureInfo.InvariantCulture)}";

    private static RedisValue Milliseconds(TimeSpan lease) => (long)Math.Ceiling(lease.TotalMilliseconds);

    private Task<ConnectionMultiplexer> ConnectAsync(CancellationToken cancellationToken) => _redis.GetAsync(cancellationToken);
}
