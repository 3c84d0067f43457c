using Dapper;
using Moderation.Storage.Models;
using Moderation.Testing;

namespace Moderation.Storage.Tests;

/// <summary>Moderators' decisions read as training labels, run on each engine by a subclass.</summary>
public abstract class DecisionLabelStorageContract : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
    private ScratchDatabase _scratch = null!;
    private int _decisions;

    protected abstract Task<ScratchDatabase> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        _scratch = await CreateDatabaseAsync();
        await using var connection = await _scratch.Database.OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync("INSERT INTO operators (operator_id, name, verdict_queue, created_at) VALUES ('op', 'Operator', 'q', @Start)", new { Start });
        await connection.ExecuteAsync("""
            INSERT INTO boards (board_id, operator_id, name, channel, division_code, status, created_at, updated_at)
            VALUES ('b', 'op', 'Board', 'Bbs', '110105', 'Approved', @Start, @Start)
            """, new { Start });
    }

    public async Task DisposeAsync() => await _scratch.DisposeAsync();

    private DecisionLabels Labels => new(_scratch.Database);

    [Fact]
    public async Task Each_revision_gives_its_latest_release_or_confirm_with_the_text()
    {
        long released = await CaseAsync("p1", "标题", "周末去爬山");
        long confirmed = await CaseAsync("p2", null, "机密★10年 部队调动");
        long changed = await CaseAsync("p3", null, "内部资料");
        long escalated = await CaseAsync("p4", null, "不确定的内容");
        await DecideAsync(released, "p1", "Release");
        await DecideAsync(confirmed, "p2", "Confirm");
        await DecideAsync(changed, "p3", "Escalate");
        await DecideAsync(changed, "p3", "Release");
        await DecideAsync(changed, "p3", "Confirm");
        await DecideAsync(escalated, "p4", "Escalate");

        var labels = await Labels.ReadAsync(null, CancellationToken.None);

        labels.Select(l => (l.PostId, l.Decision)).Should().Equal(("p1", "Release"), ("p2", "Confirm"), ("p3", "Confirm"));
        labels[0].Title.Should().Be("标题");
        labels[0].Body.Should().Be("周末去爬山");
        labels[1].Title.Should().BeNull();
        labels.Should().OnlyContain(l => l.BoardId == "b" && l.Revision == 0);
    }

    [Fact]
    public async Task A_purged_post_comes_back_without_text_and_since_filters_by_decision_time()
    {
        long first = await CaseAsync("p1", "t", "机密★10年 文件");
        long second = await CaseAsync("p2", null, "周末愉快");
        await DecideAsync(first, "p1", "Confirm");
        await DecideAsync(second, "p2", "Release");
        await using (var connection = await _scratch.Database.OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync("UPDATE posts SET title = NULL, body = NULL WHERE post_id = 'p1'");
        }

        var all = await Labels.ReadAsync(null, CancellationToken.None);
        var later = await Labels.ReadAsync(Start.AddMinutes(2), CancellationToken.None);

        all.Single(l => l.PostId == "p1").Body.Should().BeNull("the text was purged after hand-off");
        later.Select(l => l.PostId).Should().Equal("p2");
    }

    private async Task<long> CaseAsync(string postId, string? title, string body)
    {
        await using var connection = await _scratch.Database.OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync("""
            INSERT INTO posts (board_id, post_id, revision, channel, author_id, title, body, submitted_at, received_at)
            VALUES ('b', @postId, 0, 'Bbs', 'u', @title, @body, @Start, @Start)
            """, new { postId, title, body, Start });
        long scanId = await connection.ExecuteScalarAsync<long>("""
            INSERT INTO scans (board_id, post_id, revision, action, score, reasons_json, rule_set_version, scanned_at)
            VALUES ('b', @postId, 0, 'Hold', 0.75, '[]', 'r', @Start) RETURNING scan_id
            """, new { postId, Start });
        return await connection.ExecuteScalarAsync<long>("""
            INSERT INTO review_cases (board_id, post_id, revision, scan_id, score, status, opened_at, due_at)
            VALUES ('b', @postId, 0, @scanId, 0.75, 'Open', @Start, @due) RETURNING case_id
            """, new { postId, scanId, Start, due = Start.AddHours(4) });
    }

    private async Task DecideAsync(long caseId, string postId, string decision)
    {
        _decisions++;
        await using var connection = await _scratch.Database.OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync("""
            INSERT INTO review_decisions (case_id, board_id, post_id, revision, decision, reason, decided_by, decided_at, request_id, case_version)
            VALUES (@caseId, 'b', @postId, 0, @decision, 'because', 'mod-a', @at, @requestId, @version)
            """, new { caseId, postId, decision, at = Start.AddMinutes(_decisions), requestId = $"req-{_decisions}", version = _decisions });
    }
}
