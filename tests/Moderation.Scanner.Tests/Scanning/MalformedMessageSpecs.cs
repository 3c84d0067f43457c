using Moderation.Contracts;
using Moderation.Storage.Boards;

namespace Moderation.Scanner.Tests.Scanning;

/// <summary>
/// Over AMQP on PostgreSQL, a NUL in a post's text or ids is a <c>PostRejected</c> naming the field,
/// recorded without the NUL (which PostgreSQL cannot store), and a withdrawal naming no usable id is
/// dropped: neither reaches the database as text it refuses, so nothing ends in the error queue.
/// </summary>
public sealed class MalformedMessageSpecs : IAsyncLifetime
{
    private readonly ScannerHarness _scanner = new(onPostgres: true);

    public Task InitializeAsync() => _scanner.InitializeAsync();

    public Task DisposeAsync() => _scanner.DisposeAsync();

    [Theory]
    [InlineData("body")]
    [InlineData("title")]
    public async Task A_nul_in_the_text_is_rejected_naming_the_field(string field)
    {
        var post = ScannerHarness.Post("nul-" + field, field == "body" ? "机\0密★10年" : "正文", title: field == "title" ? "标题\0" : null);

        await _scanner.SubmitAsync(post);

        var rejection = _scanner.Rejections("nul-" + field).Should().ContainSingle().Subject.Rejection;
        rejection.Code.Should().Be(RejectionCode.Malformed);
        rejection.Reason.Should().Contain($"{field} contains a control character (U+0000)");
        (await _scanner.CountAsync("posts", "nul-" + field)).Should().Be(0);
        (await _scanner.CountAsync("rejections", "nul-" + field)).Should().Be(1);
    }

    [Fact]
    public async Task A_nul_in_the_ids_is_rejected_and_recorded_with_the_nul_shown_as_a_replacement_character()
    {
        var post = ScannerHarness.Post("p\0x", "hello", boardId: DemoData.ApprovedBoardId + "\0");

        await _scanner.SubmitAsync(post);

        var rejection = _scanner.Rejections("p\0x").Should().ContainSingle().Subject.Rejection;
        rejection.Code.Should().Be(RejectionCode.Malformed);
        rejection.Reason.Should().Contain("boardId").And.Contain("postId").And.NotContain("\0");
        (await _scanner.CountAsync("rejections", "p\uFFFDx")).Should().Be(1);
        (await _scanner.Harness.Published.Any<MassTransit.Fault<PostSubmitted>>()).Should().BeFalse();
    }

    [Fact]
    public async Task A_withdrawal_naming_no_usable_post_is_dropped_without_a_fault()
    {
        await _scanner.Harness.Bus.Publish(new PostWithdrawn { BoardId = DemoData.ApprovedBoardId, PostId = "gone\0", WithdrawnAt = DateTimeOffset.UtcNow });

        (await _scanner.ConsumedAsync<PostWithdrawn>()).Should().BeTrue();
        (await _scanner.Harness.Published.Any<MassTransit.Fault<PostWithdrawn>>()).Should().BeFalse();
    }
}
