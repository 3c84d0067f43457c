using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Time.Testing;
using Moderation.Storage.Audit;
using Moderation.Testing;

namespace Moderation.Storage.Tests.Audit;

/// <summary>
/// The audit chain on each engine: intact chains verify; a row changed, removed or moved by someone
/// with rights beyond the application's (here: the tests, after lifting the append-only guard) is
/// found, and the first such row is named.
/// </summary>
public abstract class AuditStorageContract : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero).AddTicks(1234567));
    private ScratchDatabase _scratch = null!;

    protected abstract Task<ScratchDatabase> CreateDatabaseAsync();

    /// <summary>What a database owner could do: remove the triggers that refuse UPDATE and DELETE.</summary>
    protected abstract Task LiftAppendOnlyGuardAsync(DbConnection connection);

    public async Task InitializeAsync() => _scratch = await CreateDatabaseAsync();

    public async Task DisposeAsync() => await _scratch.DisposeAsync();

    private AuditLog Log => new(_scratch.Database, _time);

    [Fact]
    public async Task An_untouched_chain_verifies_and_reports_its_head()
    {
        var last = await AppendFiveAsync();

        var result = await Log.VerifyAsync(CancellationToken.None);

        result.Intact.Should().BeTrue(result.Problem);
        result.RowsChecked.Should().Be(5);
        result.HeadHash.Should().Be(last.RowHash);
    }

    [Fact]
    public async Task The_application_cannot_update_or_delete_an_audit_row()
    {
        await AppendFiveAsync();
        await using var connection = await _scratch.Database.OpenAsync(CancellationToken.None);

        var update = async () => await connection.ExecuteAsync("UPDATE audit_log SET actor = 'mallory' WHERE sequence = 2");
        var delete = async () => await connection.ExecuteAsync("DELETE FROM audit_log WHERE sequence = 2");

        (await update.Should().ThrowAsync<DbException>()).Which.Message.Should().Contain("append-only");
        (await delete.Should().ThrowAsync<DbException>()).Which.Message.Should().Contain("append-only");
    }

    [Fact]
    public async Task A_changed_row_is_named_as_the_first_broken_one()
    {
        await AppendFiveAsync();
        await TamperAsync("UPDATE audit_log SET detail_json = '{\"reason\":\"nothing to see\"}' WHERE sequence = 3");

        var result = await Log.VerifyAsync(CancellationToken.None);

        result.Intact.Should().BeFalse();
        result.FirstBrokenSequence.Should().Be(3);
        result.Problem.Should().Contain("row 3 was changed");
        result.RowsChecked.Should().Be(2);
    }

    [Fact]
    public async Task A_row_changed_with_its_hash_recomputed_breaks_the_link_to_the_next_row()
    {
        await AppendFiveAsync();
        var forged = await ReadAsync(2);
        var changed = forged with { Actor = "mallory" };
        await TamperAsync($"UPDATE audit_log SET actor = 'mallory', row_hash = '{AuditChain.HashOf(changed)}' WHERE sequence = 2");

        var result = await Log.VerifyAsync(CancellationToken.None);

        result.FirstBrokenSequence.Should().Be(3);
        result.Problem.Should().Contain("does not link to row 2");
    }

    [Fact]
    public async Task A_removed_row_is_named()
    {
        await AppendFiveAsync();
        await TamperAsync("DELETE FROM audit_log WHERE sequence = 4");

        var result = await Log.VerifyAsync(CancellationToken.None);

        result.FirstBrokenSequence.Should().Be(4);
        result.Problem.Should().Contain("row 4 is missing");
    }

    [Fact]
    public async Task Reordered_rows_are_found_where_the_order_breaks()
    {
        await AppendFiveAsync();
        await TamperAsync("UPDATE audit_log SET sequence = 100 WHERE sequence = 2");
        await TamperAsync("UPDATE audit_log SET sequence = 2 WHERE sequence = 3");
        await TamperAsync("UPDATE audit_log SET sequence = 3 WHERE sequence = 100");

        var result = await Log.VerifyAsync(CancellationToken.None);

        result.FirstBrokenSequence.Should().Be(2);
        result.Intact.Should().BeFalse();
    }

    [Fact]
    public async Task Concurrent_appends_keep_one_unbroken_chain()
    {
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => Log.AppendAsync(new AuditEntry($"actor-{i}", "test.appended", $"thing:{i}", "{}"), CancellationToken.None))));

        var result = await Log.VerifyAsync(CancellationToken.None);

        result.Intact.Should().BeTrue(result.Problem);
        result.RowsChecked.Should().Be(20);
    }

    private async Task<AuditRecord> AppendFiveAsync()
    {
        AuditRecord last = null!;
        for (var i = 1; i <= 5; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(1.0000001));
            last = await Log.AppendAsync(new AuditEntry("alice", "case.decided", $"case:{i}", $$"""{"reason":"checked {{i}}","note":"引号\"和换行\n"}"""), CancellationToken.None);
        }

        return last;
    }

    private async Task<AuditRecord> ReadAsync(long sequence)
    {
        await using var connection = await _scratch.Database.OpenAsync(CancellationToken.None);
        return await connection.QuerySingleAsync<AuditRecord>(
            "SELECT sequence, occurred_at, actor, action, subject, detail_json, previous_hash, row_hash FROM audit_log WHERE sequence = @sequence", new { sequence });
    }

    private async Task TamperAsync(string sql)
    {
        await using var connection = await _scratch.Database.OpenAsync(CancellationToken.None);
        await LiftAppendOnlyGuardAsync(connection);
        await connection.ExecuteAsync(sql);
    }
}
