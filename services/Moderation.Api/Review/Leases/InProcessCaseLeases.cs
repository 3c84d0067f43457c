using System.Collections.Concurrent;

namespace Moderation.Api.Review.Leases;

/// <summary>Leases in this process: enough for the standalone host, where there is only one.</summary>
public sealed class InProcessCaseLeases(TimeProvider time) : ICaseLeases
{
    private readonly ConcurrentDictionary<long, (string Holder, DateTimeOffset Until)> _leases = new();

    public Task<string?> TryAcquireAsync(long caseId, string holder, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        while (true)
        {
            if (_leases.TryGetValue(caseId, out var current))
            {
                if (current.Holder != holder && current.Until > now)
                {
                    return Task.FromResult<string?>(current.Holder);
                }

                if (_leases.TryUpdate(caseId, (holder, now + lease), current))
                {
                    return Task.FromResult<string?>(null);
                }
            }
            else if (_leases.TryAdd(caseId, (holder, now + lease)))
            {
                return Task.FromResult<string?>(null);
            }
        }
    }

    public Task OverwriteAsync(long caseId, string holder, TimeSpan lease, CancellationToken cancellationToken)
    {
        _leases[caseId] = (holder, time.GetUtcNow() + lease);
        return Task.CompletedTask;
    }

    public Task ReleaseAsync(long caseId, string holder, CancellationToken cancellationToken)
    {
        if (_leases.TryGetValue(caseId, out var current) && current.Holder == holder)
        {
            _leases.TryRemove(KeyValuePair.Create(caseId, current));
        }

        return Task.CompletedTask;
    }
}
