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
/// </summary>
public sealed class BoardDirectory(BoardRepository boards, IDistributedCache cache, IOptions<BoardDirectoryOptions> options, ILogger<BoardDirectory> logger)
{
    private static readonly byte[] Missing = "null"u8.ToArray();

    public async Task<Board?> FindAsync(string boardId, CancellationToken cancellationToken)
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

    /// <summary>Drops the cached entry after the board changed, so the change applies at once.</summary>
    public Task InvalidateAsync(string boardId, CancellationToken cancellationToken) =>
        TryCacheAsync(async () => { await cache.RemoveAsync(Key(boardId), cancellationToken); return Missing; }, boardId);

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
