using Dapper;
using Moderation.Storage.Audit;
using Moderation.Testing;

namespace Moderation.Cli.Tests;

/// <summary><c>moderation audit verify</c> on real databases, intact and tampered with.</summary>
public sealed class AuditCommandTests
{
    [Fact]
    public async Task Verify_reports_an_intact_sqlite_log_and_exits_zero()
    {
        await using var scratch = await ScratchDatabase.CreateSqliteAsync();
        await AppendAsync(scratch, 4);

        var run = await CliRun.RunAsync(["audit", "verify", "--connection-string", scratch.ConnectionString]);

        run.ExitCode.Should().Be(0, run.Error);
        run.Output.Should().StartWith("audit log intact: 4 rows, head ");
    }

    [Fact]
    public async Task Verify_names_the_changed_row_of_a_tampered_sqlite_log_and_exits_non_zero()
    {
        await using var scratch = await ScratchDatabase.CreateSqliteAsync();
        await AppendAsync(scratch, 4);
        await using (var connection = await scratch.Database.OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'mallory' WHERE sequence = 2");
        }

        var run = await CliRun.RunAsync(["audit", "verify", "--connection-string", scratch.ConnectionString]);

        run.ExitCode.Should().Be(1);
        run.Error.Should().Contain("broken at row 2").And.Contain("was changed");
    }

    [Fact]
    public async Task Verify_names_the_removed_row_of_a_tampered_postgres_log()
    {
        await using var scratch = await ScratchDatabase.CreatePostgresAsync();
        await AppendAsync(scratch, 5);
        await using (var connection = await scratch.Database.OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update; DELETE FROM audit_log WHERE sequence = 3");
        }

        var run = await CliRun.RunAsync(["audit", "verify", "--connection-string", scratch.ConnectionString]);

        run.ExitCode.Should().Be(1);
        run.Error.Should().Contain("broken at row 3").And.Contain("missing");
    }

    [Fact]
    public async Task Verify_without_a_source_says_how_to_name_one()
    {
        var run = await CliRun.RunAsync(["audit", "verify"]);

        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain("--connection-string").And.Contain("--api");
    }

    private static async Task AppendAsync(ScratchDatabase scratch, int count)
    {
        var log = new AuditLog(scratch.Database, TimeProvider.System);
        for (var i = 1; i <= count; i++)
        {
            await log.AppendAsync(new AuditEntry("alice", "case.decided", $"case:{i}", """{"decision":"Release"}"""), CancellationToken.None);
        }
    }
}
