using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Moderation.Hosting.Redis;

/// <summary>Ready only while Redis answers a PING; registered when <c>ConnectionStrings:Redis</c> is set.</summary>
internal sealed class RedisHealthCheck(RedisHealthConnection redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var connection = await redis.Connection.GetAsync(cancellationToken);
            var latency = await connection.GetDatabase().PingAsync().WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
            return HealthCheckResult.Healthy($"Redis answered in {latency.TotalMilliseconds:0} ms.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("Redis does not answer.", ex);
        }
    }
}

/// <summary>The health check's own connection, so a check never waits behind a module's traffic.</summary>
internal sealed class RedisHealthConnection(string configuration) : IAsyncDisposable
{
    public LazyRedisConnection Connection { get; } = new(configuration);

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
