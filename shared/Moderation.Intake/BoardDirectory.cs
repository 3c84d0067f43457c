using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Moderation.Contracts;
using Moderation.Storage.Boards;

namespace Moderation.Intake;

/// <summary>
/// Board look-ups for every post, served from the cache (Redis or in process) in front of the
/// database. The cache is a convenience: when it is down, look-ups go to the database and posts keep flowing.
/// In front of the shared cache, each process keeps what it looked up for
/// <see cref="BoardDirectoryOptions.LocalCacheFor"/> (off by default), so a batch of posts for one
/// board costs one round trip, not one per post. A change made in this process
/// (<see cref="InvalidateAsync"/>) applies here at once; a change made in another process reaches
/// this one within that window at most.
/// </summary>
public sealed class BoardDirectory(BoardRepository boards, IDistributedCache cache, IOptions<BoardDirectoryOptions> options, TimeProvider time, ILogger<BoardDirectory> logger)
{
    /// <summary>Boards remembered in process at most; past it the memory is emptied (ids come from senders, so they are not trusted to be few).</summary>
    internal const int LocalCapacity = 10_000;

    private static readonly byte[] Missing = "null"u8.ToArray();

    private readonly ConcurrentDictionary<string, LocalEntry> _local = new(StringComparer.Ordinal);

    // Look-ups under way, by board: posts for one board that arrive together wait for the same one.
    private readonly ConcurrentDictionary<string, Task<Board?>> _inFlight = new(StringComparer.Ordinal);

    public async Task<Board?> FindAsync(string boardId, CancellationToken cancellationToken)
    {
        var window = options.Value.LocalCacheFor;
        if (window <= TimeSpan.Zero)
        {
            return await FindSharedAsync(boardId, cancellationToken);
        }

        var now = time.GetUtcNow();
        if (_local.TryGetValue(boardId, out var entry) && now < entry.Until)
        {
            return entry.Board;
        }

        var board = await FindSharedAsync(boardId, cancellationToken);
        if (_local.Count >= LocalCapacity)
        {
            _local.Clear();
        }

        // Counted from before the look-up, so an entry is never served longer than the window after it was read.
        _local[boardId] = new LocalEntry(board, now + window);
        return board;
    }

    /// <summary>
    /// The board from the shared cache or the database, by one look-up however many posts ask at once.
    /// A scanner consumes a hundred posts at a time, most for the same few boards; on a cold cache
    /// each asked Redis, missed, and took a database connection of its own, so every start grew the
    /// pool to a hundred connections (README, "Figures"). Callers that arrive while a look-up is under
    /// way take its answer, which was read no earlier than their arrival's round trip.
    /// </summary>
    private async Task<Board?> FindSharedAsync(string boardId, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_inFlight.TryGetValue(boardId, out var running))
            {
                try
                {
                    return await running.WaitAsync(cancellationToken);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    continue;   // the look-up belonged to a caller that gave up; this one asks again
                }
            }

            var lookUp = new TaskCompletionSource<Board?>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (!_inFlight.TryAdd(boardId, lookUp.Task))
            {
                continue;
            }

            try
            {
                var board = await LookUpSharedAsync(boardId, cancellationToken);
                lookUp.SetResult(board);
                return board;
            }
            catch (OperationCanceledException)
            {
                lookUp.SetCanceled(CancellationToken.None);
                throw;
            }
            catch (Exception ex)
            {
                lookUp.SetException(ex);
                _ = lookUp.Task.Exception;  // observed here, whether or not anyone else waited
                throw;
            }
            finally
            {
                _inFlight.TryRemove(KeyValuePair.Create(boardId, lookUp.Task));
            }
        }
    }

    private async Task<Board?> LookUpSharedAsync(string boardId, CancellationToken cancellationToken)
    {
        var key = Key(boardId);
        var cached = await TryCacheAsync(() => cache.GetAsync(key, cancellationToken), boardId);
        if (cached is not null)
        {
            return JsonSerializer.Deserialize<Board?>(cached, WireFormat.Options);
        }

        var board = await boards.FindAsync(boardId, cancellationToken);
        var lifetime = board is null ? options.Value.CacheMissFor : options.Value.CacheFor;
        if (lifetime > TimeSpan.Zero)
        {
            var value = board is null ? Missing : JsonSerializer.SerializeToUtf8Bytes(board, WireFormat.Options);
            await TryCacheAsync(
                async () =>
                {
                    await cache.SetAsync(key, value, new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = lifetime }, cancellationToken);
                    return value;
                },
                boardId);
        }

        return board;
    }

    /// <summary>
    /// Drops the cached entries after the board changed: the shared one and this process's, so the
    /// change applies at once here and, in other processes, once their <see cref="BoardDirectoryOptions.LocalCacheFor"/> has passed.
    /// </summary>
    public Task InvalidateAsync(string boardId, CancellationToken cancellationToken)
    {
        _local.TryRemove(boardId, out _);
        _inFlight.TryRemove(boardId, out _);
        return TryCacheAsync(async () => { await cache.RemoveAsync(Key(boardId), cancellationToken); return Missing; }, boardId);
    }

    private sealed record LocalEntry(Board? Board, DateTimeOffset Until);

    private static string Key(string boardId) => $"board:{boardId}";

    private async Task<byte[]?> TryCacheAsync(Func<Task<byte[]?>> operation, string boardId)
    {
        try
        {
            return await operation();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Board cache unavailable for {BoardId}; using the database", boardId);
            return null;
        }
    }
}
