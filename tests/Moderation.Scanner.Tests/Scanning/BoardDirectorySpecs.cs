using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moderation.Intake;
using Moderation.Storage.Boards;
using Moderation.Testing;

namespace Moderation.Scanner.Tests.Scanning;

/// <summary>
/// The board look-up each post goes through, on the real PostgreSQL and Redis: two directories stand
/// for two processes (an Api that suspends a board, a scanner that admits posts) sharing one Redis.
/// A board suspended in one process is refused there at once and in the other once its in-process
/// window (<see cref="BoardDirectoryOptions.LocalCacheFor"/>) has passed.
/// </summary>
public sealed class BoardDirectorySpecs : IAsyncLifetime
{
    private const string BoardId = "dir-board";
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly string _instance = $"test-{Guid.NewGuid():N}:";
    private readonly List<RedisCache> _caches = [];
    private ScratchDatabase _scratch = null!;
    private BoardRepository _boards = null!;

    public async Task InitializeAsync()
    {
        _scratch = await ScratchDatabase.CreatePostgresAsync();
        _boards = new BoardRepository(_scratch.Database, _time);
        await _boards.SaveOperatorAsync(new ForumOperator { OperatorId = "dir-op", Name = "Directory forum", VerdictQueue = ForumOperator.DefaultVerdictQueue("dir-op") }, CancellationToken.None);
        await _boards.SaveAsync(BoardId, "dir-op", "Directory board", "bbs", "110000", BoardStatus.Approved, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        _caches.ForEach(c => c.Dispose());
        await _scratch.DisposeAsync();
    }

    [Fact]
    public async Task A_board_suspended_in_another_process_is_refused_once_the_local_window_has_passed()
    {
        var api = Directory(TimeSpan.FromSeconds(1));
        var scanner = Directory(TimeSpan.FromSeconds(1));
        (await scanner.FindAsync(BoardId, CancellationToken.None))!.Status.Should().Be(BoardStatus.Approved);
        (await api.FindAsync(BoardId, CancellationToken.None))!.Status.Should().Be(BoardStatus.Approved);

        await _boards.SaveAsync(BoardId, "dir-op", "Directory board", "bbs", "110000", BoardStatus.Suspended, CancellationToken.None);
        await api.InvalidateAsync(BoardId, CancellationToken.None);

        (await api.FindAsync(BoardId, CancellationToken.None))!.Status.Should().Be(BoardStatus.Suspended, "the process that changed the board drops its own entry");
        (await scanner.FindAsync(BoardId, CancellationToken.None))!.Status.Should().Be(BoardStatus.Approved, "within the window the scanner still serves what it read");
        _time.Advance(TimeSpan.FromSeconds(1));
        (await scanner.FindAsync(BoardId, CancellationToken.None))!.Status.Should().Be(BoardStatus.Suspended);
    }

    [Fact]
    public async Task Without_a_local_window_a_suspension_in_another_process_applies_at_once()
    {
        var api = Directory(TimeSpan.Zero);
        var scanner = Directory(TimeSpan.Zero);
        (await scanner.FindAsync(BoardId, CancellationToken.None))!.Status.Should().Be(BoardStatus.Approved);

        await _boards.SaveAsync(BoardId, "dir-op", "Directory board", "bbs", "110000", BoardStatus.Suspended, CancellationToken.None);
        await api.InvalidateAsync(BoardId, CancellationToken.None);

        (await scanner.FindAsync(BoardId, CancellationToken.None))!.Status.Should().Be(BoardStatus.Suspended);
    }

    [Fact]
    public async Task Within_the_window_a_board_is_served_from_the_process_memory_and_read_again_after_it()
    {
        var scanner = Directory(TimeSpan.FromSeconds(1));
        (await scanner.FindAsync(BoardId, CancellationToken.None))!.Status.Should().Be(BoardStatus.Approved);

        // Gone from the database and from Redis: only the process's own memory still knows the board.
        await using (var connection = await _scratch.Database.OpenAsync(CancellationToken.None))
        {
            await Dapper.SqlMapper.ExecuteAsync(connection, "UPDATE boards SET name = 'Renamed' WHERE board_id = @BoardId", new { BoardId });
        }

        await _caches[0].RemoveAsync($"board:{BoardId}");

        (await scanner.FindAsync(BoardId, CancellationToken.None))!.Name.Should().Be("Directory board");
        _time.Advance(TimeSpan.FromMilliseconds(999));
        (await scanner.FindAsync(BoardId, CancellationToken.None))!.Name.Should().Be("Directory board");
        _time.Advance(TimeSpan.FromMilliseconds(1));
        (await scanner.FindAsync(BoardId, CancellationToken.None))!.Name.Should().Be("Renamed");
    }

    /// <summary>
    /// A scanner starts with a hundred posts for one board in flight and nothing cached: they share
    /// one look-up instead of each asking Redis and then PostgreSQL, which grew the scanner's pool to
    /// a hundred connections at the start of every load run (README, "Figures").
    /// </summary>
    [Fact]
    public async Task Posts_for_one_board_looked_up_at_once_share_one_look_up()
    {
        string name = $"dir-test-{Guid.NewGuid():N}"[..40];
        await using var database = Moderation.Storage.Database.ModerationDatabase.Postgres(_scratch.ConnectionString, name);
        var scanner = Directory(TimeSpan.Zero, new BoardRepository(database, _time));

        Board?[] found = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => Task.Run(() => scanner.FindAsync(BoardId, CancellationToken.None))));

        found.Should().OnlyContain(b => b != null && b.Status == BoardStatus.Approved);
        await using var connection = await _scratch.Database.OpenAsync(CancellationToken.None);
        int opened = await Dapper.SqlMapper.ExecuteScalarAsync<int>(connection, "SELECT count(*) FROM pg_stat_activity WHERE application_name = @name", new { name });
        opened.Should().Be(1, "one look-up went to the database, on one connection");
    }

    private BoardDirectory Directory(TimeSpan localCacheFor, BoardRepository? boards = null)
    {
        var cache = new RedisCache(Options.Create(new RedisCacheOptions { Configuration = TestServers.Redis, InstanceName = _instance }));
        _caches.Add(cache);
        return new BoardDirectory(boards ?? _boards, cache, Options.Create(new BoardDirectoryOptions { LocalCacheFor = localCacheFor }), _time, NullLogger<BoardDirectory>.Instance);
    }
}
