using Moderation.Contracts;
using Moderation.Intake;

namespace Moderation.Scanner.Tests.Posts;

public sealed class PostSubmittedValidatorSpecs
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    private static readonly PostSubmitted Valid = new()
    {
        BoardId = "demo-board",
        PostId = "p-1",
        Revision = 0,
        Channel = Channel.ChatRoom,
        AuthorId = "a-1",
        Body = "hello",
        SubmittedAt = Now.AddMinutes(-1),
    };

    [Fact]
    public void A_well_formed_post_has_no_problems() =>
        PostSubmittedValidator.Validate(Valid, Now).Should().BeEmpty();

    public static TheoryData<string, PostSubmitted> Malformed => new()
    {
        { "boardId", Valid with { BoardId = null! } },
        { "boardId", Valid with { BoardId = "board with spaces" } },
        { "postId", Valid with { PostId = "" } },
        { "authorId", Valid with { AuthorId = null! } },
        { "revision", Valid with { Revision = -1 } },
        { "channel", Valid with { Channel = (Channel)42 } },
        { "body", Valid with { Body = null! } },
        { "body", Valid with { Body = new string('x', PostSubmittedValidator.MaxBodyLength + 1) } },
        { "title", Valid with { Title = new string('x', PostSubmittedValidator.MaxTitleLength + 1) } },
        { "submittedAt", Valid with { SubmittedAt = default } },
        { "submittedAt", Valid with { SubmittedAt = Now.AddHours(1) } },
        { "source.outlet", Valid with { Source = new PostSource { Outlet = null!, ConsentReference = "c" } } },
        { "title", Valid with { Title = "标题\0" } },
        { "body", Valid with { Body = "机\0密★10年" } },
        { "body", Valid with { Body = "text with an escape \u001b[0m" } },
        { "body", Valid with { Body = "a C1 control \u0085" } },
        { "body", Valid with { Body = "half a pair \ud83d here" } },
        { "boardId", Valid with { BoardId = "demo\0board" } },
        { "postId", Valid with { PostId = "thread/12" } },
        { "postId", Valid with { PostId = ".." } },
        { "postId", Valid with { PostId = "p\u0001" } },
        { "authorId", Valid with { AuthorId = "张三" } },
        { "postId", Valid with { PostId = new string('p', WireText.MaxIdLength + 1) } },
        { "source.consentReference", Valid with { Source = new PostSource { Outlet = "news.example.cn", ConsentReference = "c\0" } } },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Each_problem_names_its_field_and_says_what_to_send(string field, PostSubmitted post)
    {
        var problem = PostSubmittedValidator.Validate(post, Now).Should().ContainSingle().Subject;

        problem.Field.Should().Be(field);
        problem.Message.Should().StartWith(field).And.MatchRegex("(send|use|at most|check|name|remove)");
        problem.Message.Should().NotContain("\0", "a refused value is quoted with its control characters shown as U+FFFD, so the message itself can be stored");
    }

    [Fact]
    public void Tabs_and_line_breaks_are_text_and_ids_may_hold_colons_and_at_signs() =>
        PostSubmittedValidator.Validate(
            Valid with { Title = "a\ttitle", Body = "line one\r\nline two\tend 😀", PostId = "article:123@news.example.cn", AuthorId = "u~7.x_y-z" },
            Now).Should().BeEmpty();

    [Fact]
    public void A_nul_in_the_body_is_named_with_its_position()
    {
        var problem = PostSubmittedValidator.Validate(Valid with { Body = "机\0密" }, Now).Should().ContainSingle().Subject;

        problem.Message.Should().Be("body contains a control character (U+0000) at position 1: remove it; text may hold tab, line feed and carriage return, but no other control character.");
    }

    [Fact]
    public void An_empty_body_is_allowed_for_a_post_with_only_a_title() =>
        PostSubmittedValidator.Validate(Valid with { Body = "", Title = "标题" }, Now).Should().BeEmpty();
}
