using Moderation.Contracts;
using Moderation.Storage.Boards;

namespace Moderation.Scanner.Tests.Scanning;

public sealed class ScanningSpecs : IAsyncLifetime
{
    private const string OperatorQueue = "moderation.verdicts.forum-demo";
    private readonly ScannerHarness _scanner = new();

    public Task InitializeAsync() => _scanner.InitializeAsync();

    public Task DisposeAsync() => _scanner.DisposeAsync();

    [Fact]
    public async Task A_clean_post_is_published_and_the_verdict_goes_to_the_operators_queue()
    {
        await _scanner.SubmitAsync(ScannerHarness.Post("clean-1", "周末一起去爬香山，记得带水。"));

        var (destination, verdict) = _scanner.Verdicts("clean-1").Should().ContainSingle().Subject;
        destination.AbsolutePath.Should().EndWith(OperatorQueue);
        verdict.Action.Should().Be(VerdictAction.Publish);
        verdict.Stage.Should().Be(VerdictStage.Scan);
        verdict.Score.Should().Be(0);
        verdict.Reasons.Should().BeEmpty();
        verdict.RuleSetVersion.Should().NotBeNullOrEmpty();
        (await _scanner.CountAsync("scans", "clean-1")).Should().Be(1);
        (await _scanner.CountAsync("review_cases", "clean-1")).Should().Be(0);
    }

    [Fact]
    public async Task A_secrecy_marking_holds_the_post_and_opens_a_review_case_with_the_span_of_the_marking()
    {
        const string body = "大家看看这个：机密★10年 关于明年计划的说明";

        await _scanner.SubmitAsync(ScannerHarness.Post("hold-1", body));

        var verdict = _scanner.Verdicts("hold-1").Should().ContainSingle().Subject.Verdict;
        verdict.Action.Should().Be(VerdictAction.Hold);
        var reason = verdict.Reasons.Should().ContainSingle(r => r.Category == "secrecy-marking").Subject;
        reason.Field.Should().Be("body");
        body.Substring(reason.Start, reason.Length).Should().Contain("机密★10年");
        (await _scanner.CountAsync("review_cases", "hold-1")).Should().Be(1);
        (await _scanner.CountAsync("incidents", "hold-1")).Should().Be(0);
    }

    [Fact]
    public async Task A_marked_internal_document_is_removed_with_an_incident_that_keeps_no_secret_text()
    {
        const string body = "绝密★长期 内部资料 不得外传：第三批次的交付地点改为西郊仓库";

        await _scanner.SubmitAsync(ScannerHarness.Post("remove-1", body));

        var verdict = _scanner.Verdicts("remove-1").Should().ContainSingle().Subject.Verdict;
        verdict.Action.Should().Be(VerdictAction.Remove);
        (await _scanner.CountAsync("incidents", "remove-1")).Should().Be(1);
        (await _scanner.QuerySingleAsync<string>("SELECT kind FROM review_cases WHERE post_id = @postId", new { postId = "remove-1" }))
            .Should().Be("Remove", "a moderator confirms every removal");
        var excerpt = await _scanner.QuerySingleAsync<string>("SELECT masked_excerpt FROM incidents WHERE post_id = @postId", new { postId = "remove-1" });
        excerpt.Should().Contain("绝密★长期").And.NotContain("西郊仓库").And.NotContain("交付地点");
        var notification = await _scanner.QuerySingleAsync<string>(
            "SELECT n.payload_json FROM notification_outbox n JOIN incidents i ON i.incident_id = n.incident_id WHERE i.post_id = @postId", new { postId = "remove-1" });
        notification.Should().Contain("\"divisionCode\":\"110105\"").And.NotContain("西郊仓库");
    }

    [Fact]
    public async Task The_same_post_delivered_twice_is_scanned_once_and_gets_one_verdict()
    {
        var post = ScannerHarness.Post("dup-1", "机密★5年 测试");

        await _scanner.SubmitAsync(post);
        await _scanner.SubmitAsync(post);

        _scanner.Verdicts("dup-1").Should().ContainSingle();
        (await _scanner.CountAsync("scans", "dup-1")).Should().Be(1);
        (await _scanner.CountAsync("review_cases", "dup-1")).Should().Be(1);
    }

    [Fact]
    public async Task An_edit_is_scanned_again_as_a_new_revision()
    {
        await _scanner.SubmitAsync(ScannerHarness.Post("edit-1", "今天天气不错"));
        await _scanner.SubmitAsync(ScannerHarness.Post("edit-1", "今天天气不错。附件：机密★10年 文件", revision: 1));

        var verdicts = _scanner.Verdicts("edit-1").Select(v => v.Verdict).OrderBy(v => v.Revision).ToList();
        verdicts.Select(v => (v.Revision, v.Action)).Should().Equal((0, VerdictAction.Publish), (1, VerdictAction.Hold));
        (await _scanner.CountAsync("scans", "edit-1")).Should().Be(2);
    }

    [Fact]
    public async Task A_post_for_an_unknown_board_is_rejected_with_a_reason_naming_the_board()
    {
        await _scanner.SubmitAsync(ScannerHarness.Post("unknown-1", "hello", boardId: "no-such-board"));

        var (destination, rejection) = _scanner.Rejections("unknown-1").Should().ContainSingle().Subject;
        rejection.Code.Should().Be(RejectionCode.UnknownBoard);
        rejection.Reason.Should().Contain("'no-such-board'").And.Contain("not registered");
        destination.AbsolutePath.Should().EndWith("moderation.rejected");
        _scanner.Verdicts("unknown-1").Should().BeEmpty();
        (await _scanner.CountAsync("scans", "unknown-1")).Should().Be(0);
    }

    [Fact]
    public async Task A_post_for_a_suspended_board_is_rejected_to_its_operator()
    {
        await _scanner.SubmitAsync(ScannerHarness.Post("susp-1", "hello", boardId: DemoData.SuspendedBoardId));

        var (destination, rejection) = _scanner.Rejections("susp-1").Should().ContainSingle().Subject;
        rejection.Code.Should().Be(RejectionCode.BoardSuspended);
        destination.AbsolutePath.Should().EndWith(OperatorQueue);
    }

    [Fact]
    public async Task A_post_without_a_body_is_rejected_as_malformed_naming_the_field()
    {
        var post = ScannerHarness.Post("bad-1", "x") with { Body = null!, SubmittedAt = default };

        await _scanner.SubmitAsync(post);

        var rejection = _scanner.Rejections("bad-1").Should().ContainSingle().Subject.Rejection;
        rejection.Code.Should().Be(RejectionCode.Malformed);
        rejection.Reason.Should().Contain("body is missing").And.Contain("submittedAt is missing");
        (await _scanner.CountAsync("posts", "bad-1")).Should().Be(0);
    }

    [Fact]
    public async Task A_withdrawn_post_is_marked_on_every_revision()
    {
        await _scanner.SubmitAsync(ScannerHarness.Post("gone-1", "hello"));
        await _scanner.SubmitAsync(ScannerHarness.Post("gone-1", "hello again", revision: 1));

        await _scanner.Harness.Bus.Publish(new PostWithdrawn { BoardId = DemoData.ApprovedBoardId, PostId = "gone-1", WithdrawnAt = DateTimeOffset.UtcNow });
        (await _scanner.ConsumedAsync<PostWithdrawn>()).Should().BeTrue();

        var withdrawn = await _scanner.QuerySingleAsync<long>(
            "SELECT COUNT(*) FROM posts WHERE post_id = @postId AND withdrawn_at IS NOT NULL", new { postId = "gone-1" });
        withdrawn.Should().Be(2);
    }
}
