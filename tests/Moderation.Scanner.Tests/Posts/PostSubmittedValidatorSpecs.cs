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
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Each_problem_names_its_field_and_says_what_to_send(string field, PostSubmitted post)
    {
        var problem = PostSubmittedValidator.Validate(post, Now).Should().ContainSingle().Subject;

        problem.Field.Should().Be(field);
        problem.Message.Should().StartWith(field).And.MatchRegex("(send|use|at most|check|name)");
    }

    [Fact]
    public void An_empty_body_is_allowed_for_a_post_with_only_a_title() =>
        PostSubmittedValidator.Validate(Valid with { Body = "", Title = "标题" }, Now).Should().BeEmpty();
}
