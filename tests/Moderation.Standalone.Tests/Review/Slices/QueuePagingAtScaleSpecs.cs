using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Extensions.Options;
using Moderation.Api.Review.Listing;
using Moderation.Storage;
using Moderation.Storage.Audit;
using Moderation.Storage.Boards;
using Moderation.Testing;
using Xunit.Abstractions;

namespace Moderation.Standalone.Tests.Review.Slices;

/// <summary>
/// 100,000 open cases on the real PostgreSQL: the first page and a page deep in the queue are both
/// index range scans with no sort, read from the plan PostgreSQL reports (not from a stopwatch).
/// </summary>
public sealed partial class QueuePagingAtScaleSpecs(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Cases = 100_000;
    private ScratchDatabase _scratch = null!;

    public async Task InitializeAsync()
    {
        _scratch = await ScratchDatabase.CreatePostgresAsync();
        var boards = new BoardRepository(_scratch.Database, TimeProvider.System);
        await DemoData.SeedAsync(boards, CancellationToken.None);
        for (var b = 0; b < 20; b++)
        {
            await boards.SaveAsync($"board-{b}", DemoData.OperatorId, $"Board {b}", "Bbs", b % 2 == 0 ? "110105" : "440305", BoardStatus.Approved, CancellationToken.None);
        }

        // Set-based seeding: posts, scans and cases for 100,000 revisions in three statements.
        const string Seed = """
            INSERT INTO posts (board_id, post_id, revision, channel, author_id, title, body, submitted_at, received_at)
            SELECT 'board-' || (i % 20), 'p-' || i, 0, 'Bbs', 'a-' || (i % 997), '标题 ' || i, '机密★10年 正文 ' || i,
                   now() - (i % 20000) * interval '1 minute', now() - (i % 20000) * interval '1 minute'
            FROM generate_series(1, @Cases) AS i;
            INSERT INTO scans (board_id, post_id, revision, action, score, reasons_json, rule_set_version, scanned_at)
            SELECT board_id, post_id, 0, 'Hold', 0.5 + (hashtext(post_id) & 1023) / 2048.0, '[]', 'seed', received_at FROM posts WHERE post_id LIKE 'p-%';
            INSERT INTO review_cases (board_id, post_id, revision, scan_id, score, status, kind, category, opened_at, due_at)
            SELECT board_id, post_id, 0, scan_id, score, CASE WHEN scan_id % 10 = 0 THEN 'Released' ELSE 'Open' END, 'Hold', 'secrecy-marking',
                   scanned_at, scanned_at + (4 * (1.5 - score)) * interval '1 hour' FROM scans WHERE rule_set_version = 'seed';
            ANALYZE posts; ANALYZE scans; ANALYZE review_cases; ANALYZE boards;
            """;
        await using var connection = await _scratch.Database.OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync(new CommandDefinition(Seed, new { Cases }, commandTimeout: 300));
    }

    public async Task DisposeAsync() => await _scratch.DisposeAsync();

    private ReviewSlices Store => new(_scratch.Database, new AuditLog(_scratch.Database, TimeProvider.System), TimeProvider.System, Options.Create(new StorageOptions()));

    [Fact]
    public async Task A_page_deep_in_a_queue_of_100000_open_cases_is_an_index_range_scan_without_a_sort()
    {
        var store = Store;
        var first = await store.ListAsync(new CaseFilter { Limit = 50 }, CancellationToken.None);
        string? after = first.Next;
        for (var i = 0; i < 200; i++)
        {
            after = (await store.ListAsync(new CaseFilter { Limit = 50, After = after }, CancellationToken.None)).Next;
        }

        foreach (var (name, filter) in new (string, CaseFilter)[]
        {
            ("first page, most urgent first", new CaseFilter { Limit = 50 }),
            ("page 202, most urgent first", new CaseFilter { Limit = 50, After = after }),
            ("page 202 of one moderator's five boards", new CaseFilter { Limit = 50, After = after, ScopeBoards = ["board-1", "board-2", "board-3", "board-4", "board-5"] }),
            ("highest score first", new CaseFilter { Limit = 50, Sort = CaseSort.Score }),
            ("oldest first, one board", new CaseFilter { Limit = 50, Sort = CaseSort.Oldest, Board = "board-7" }),
            ("highest score first, one board", new CaseFilter { Limit = 50, Sort = CaseSort.Score, Board = "board-7" }),
        })
        {
            var plan = await store.ExplainPageAsync(filter, CancellationToken.None);
            output.WriteLine($"--- {name}\n{plan}");
            plan.Should().MatchRegex("Index (Only )?Scan[^\\n]* using review_cases_by_", name);
            plan.Should().NotContain("Seq Scan on review_cases", name);
            plan.Should().NotMatchRegex(@"\bSort\b", name + ": the order comes from the index");
            var executed = ExecutionTime().Match(plan);
            executed.Success.Should().BeTrue();
            Console.WriteLine($"{name}: {executed.Groups[1].Value} ms (PostgreSQL's own execution time)");
        }

        (await store.CountAsync(new CaseFilter(), CancellationToken.None)).Should().Be(90_000);
    }

    [GeneratedRegex(@"Execution Time: ([0-9.]+) ms")]
    private static partial Regex ExecutionTime();
}
