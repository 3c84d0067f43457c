using StackExchange.Redis;

namespace Moderation.Hosting.Redis;

/// <summary>
/// One Redis connection, opened on first use rather than at start, so a service starts even while
/// Redis is down; the multiplexer then reconnects by itself after an outage.
/// </summary>
public sealed class LazyRedisConnection(string configuration) : IAsyncDisposable
{
    private readonly SemaphoreSlim _connecting = new(1, 1);
    private ConnectionMultiplexer? _connection;

    public async Task<ConnectionMultiplexer> GetAsync(CancellationToken cancellationToken)
    {
        if (_connection is { } existing)
        {
            return existing;
        }

        await _connecting.WaitAsync(cancellationToken);
        try
        {
            if (_connection is null)
            {
                ConfigurationOptions options = ConfigurationOptions.Parse(configuration);
                options.AbortOnConnectFail = false;
                _connection = await ConnectionMultiplexer.ConnectAsync(options);
            }

            return _connection;
        }
        finally
        {
            _connecting.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        _connecting.Dispose();
    }
}
