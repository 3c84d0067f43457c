using Dapper;
using Moderation.Learning.Corpus;
using Moderation.Learning.Training;
using Moderation.Testing;

namespace Moderation.Cli.Tests;

/// <summary>Moderators' decisions exported as labels and merged into the next training run.</summary>
public sealed class ExportLabelsCommandTests : IAsyncLifetime
{
    private const string Codename = "鲲鹏项目";
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("moderation-labels-");
    private ScratchDatabase _scratch = null!;

    public async Task InitializeAsync()
    {
        _scratch = await ScratchDatabase.CreateSqliteAsync();
        await using var connection = await _scratch.Database.OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync("INSERT INTO operators (operator_id, name, verdict_queue, created_at) VALUES ('op', 'Operator', 'q', @Start)", new { Start });
        await connection.ExecuteAsync("""
            INSERT INTO boards (board_id, operator_id, name, channel, division_code, status, created_at, updated_at)
            VALUES ('b', 'op', 'Board', 'Bbs', '110105', 'Approved', @Start, @Start)
            """, new { Start });
    }

    public async Task DisposeAsync()
    {
        await _scratch.DisposeAsync();
        _directory.Delete(recursive: true);
    }

    [Fact]
    public async Task Confirmed_and_released_posts_become_labels_the_next_training_learns_from_and_purged_text_stays_out()
    {
        // Moderators confirmed posts about a codename no template knows, and released ordinary chat.
        string[] places = ["北京", "上海", "西安", "成都", "武汉", "沈阳", "兰州", "昆明", "南京", "广州", "福州", "济南"];
        string[] chat = ["周末去爬山吗", "这家面馆不错", "孩子作业太多了", "明天要下雨", "推荐一部电影", "新手机很好用", "晚上一起打球", "菜市场涨价了", "地铁又晚点了", "小区停水通知"];
        for (var i = 0; i < places.Length; i++)
        {
            await DecideAsync($"c{i}", $"{Codename}{places[i]}基地的进度汇报，下周提交", "Confirm");
        }

        for (var i = 0; i < chat.Length; i++)
        {
            await DecideAsync($"r{i}", chat[i], "Release");
        }

        await DecideAsync("purged", "已移交的泄密原文", "Confirm");
        await using (var connection = await _scratch.Database.OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync("UPDATE posts SET title = NULL, body = NULL WHERE post_id = 'purged'");
        }

        string labels = Path.Combine(_directory.FullName, "labels.jsonl");
        var export = await CliRun.RunAsync(["export-labels", "--connection-string", _scratch.ConnectionString, "--output", labels]);

        export.ExitCode.Should().Be(0, export.Error);
        export.Output.Should().Contain("exported 22 labelled posts").And.Contain("12 secret (confirmed), 10 clean (released)")
            .And.Contain("left out 1 confirmed posts whose text was purged");
        var exported = CorpusFile.Load(labels);
        exported.Should().HaveCount(22);
        exported.Where(e => e.IsSecret).Should().OnlyContain(e => e.Body.Contains(Codename) && e.Category == "moderator-confirmed");
        exported.Should().OnlyContain(e => e.Split == CorpusSplits.Train);
        File.ReadAllText(labels).Should().NotContain("purged").And.NotContain("已移交的泄密原文");

        string plain = Path.Combine(_directory.FullName, "plain.zip");
        string merged = Path.Combine(_directory.FullName, "merged.zip");
        (await CliRun.RunAsync(["train", "--output", plain])).ExitCode.Should().Be(0);
        var train = await CliRun.RunAsync(["train", "--output", merged, "--extra", labels]);

        train.ExitCode.Should().Be(0, train.Error);
        train.Output.Should().Contain("22 of them from --extra");
        using var without = ModerationModel.Load(plain);
        using var with = ModerationModel.Load(merged);
        with.Metadata.TrainingExamples.Should().Be(without.Metadata.TrainingExamples + 22);
        with.Metadata.DataHash.Should().NotBe(without.Metadata.DataHash);
        const string Probe = Codename + "拉萨基地的进度汇报";
        with.Predict(null, Probe).Should().BeGreaterThan(without.Predict(null, Probe) + 0.2, "the model learned the codename from the moderators' decisions");
    }

    [Fact]
    public async Task An_extra_file_repeating_a_corpus_id_is_refused_by_name()
    {
        string extra = Path.Combine(_directory.FullName, "extra.jsonl");
        CorpusFile.Save(extra, CorpusFile.LoadShipped().Take(1));

        var run = await CliRun.RunAsync(["train", "--output", Path.Combine(_directory.FullName, "m.zip"), "--extra", extra]);

        run.ExitCode.Should().Be(1);
        run.Error.Should().Contain(CorpusFile.LoadShipped()[0].Id).And.Contain("already in the corpus");
    }

    [Fact]
    public async Task Without_a_database_the_command_says_how_to_name_one()
    {
        var run = await CliRun.RunAsync(["export-labels", "--output", Path.Combine(_directory.FullName, "l.jsonl"), "--connection-string", ""]);

        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain("--connection-string").And.Contain("MODERATION_CONNECTION_STRING");
    }

    private async Task DecideAsync(string postId, string body, string decision)
    {
        await using var connection = await _scratch.Database.OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync("""
            INSERT INTO posts (board_id, post_id, revision, channel, author_id, title, body, submitted_at, received_at)
            VALUES ('b', @postId, 0, 'Bbs', 'u', NULL, @body, @Start, @Start)
            """, new { postId, body, Start });
        long scanId = await connection.ExecuteScalarAsync<long>("""
            INSERT INTO scans (board_id, post_id, revision, action, score, reasons_json, rule_set_version, scanned_at)
            VALUES ('b', @postId, 0, 'Hold', 0.75, '[]', 'r', @Start) RETURNING scan_id
            """, new { postId, Start });
        long caseId = await connection.ExecuteScalarAsync<long>("""
            INSERT INTO review_cases (board_id, post_id, revision, scan_id, score, status, opened_at, due_at)
            VALUES ('b', @postId, 0, @scanId, 0.75, 'Open', @Start, @due) RETURNING case_id
            """, new { postId, scanId, Start, due = Start.AddHours(4) });
        await connection.ExecuteAsync("""
            INSERT INTO review_decisions (case_id, board_id, post_id, revision, decision, reason, decided_by, decided_at, request_id, case_version)
            VALUES (@caseId, 'b', @postId, 0, @decision, 'checked', 'mod-a', @Start, @requestId, 1)
            """, new { caseId, postId, decision, Start, requestId = "req-" + postId });
    }
}
