using Moderation.Cli.Load;
using Moderation.Contracts;

namespace Moderation.Cli.Tests.Load;

public sealed class PostMixTests
{
    private static readonly string[] Boards = ["run-op0-b0", "run-op1-b0", "run-op0-b1"];
    private static readonly int[] Operators = [0, 1, 0];
    private static readonly DateTimeOffset At = new(2026, 12, 6, 20, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void The_same_seed_makes_the_same_posts_and_another_seed_other_posts()
    {
        var first = PostMix.Generate(500, Boards, Operators, new MixSettings(Seed: 7), At);
        var again = PostMix.Generate(500, Boards, Operators, new MixSettings(Seed: 7), At);
        var other = PostMix.Generate(500, Boards, Operators, new MixSettings(Seed: 8), At);

        again.Select(p => p.Post).Should().Equal(first.Select(p => p.Post));
        other.Select(p => p.Post.Body).Should().NotEqual(first.Select(p => p.Post.Body));
    }

    [Fact]
    public void Lengths_run_from_chat_lines_to_long_bbs_posts_in_about_the_stated_shares()
    {
        var posts = PostMix.Generate(10_000, Boards, Operators, new MixSettings(SecretShare: 0, EditShare: 0), At);

        var chat = posts.Count(p => p.Post.Body.Length < 100);
        var replies = posts.Count(p => p.Post.Body.Length is >= 100 and <= 620); // a post ends with the phrase that reaches its length
        var long_ = posts.Count(p => p.Post.Body.Length >= 1_500);
        chat.Should().Be(posts.Count(p => p.Post.Channel == Channel.ChatRoom), "chat lines are published to chat rooms");
        (chat + replies + long_).Should().Be(posts.Count, "every post falls in a length class");
        ((double)chat / posts.Count).Should().BeApproximately(0.40, 0.03);
        ((double)replies / posts.Count).Should().BeApproximately(0.45, 0.03);
        ((double)long_ / posts.Count).Should().BeApproximately(0.15, 0.03);
        posts.Max(p => p.Post.Body.Length).Should().BeInRange(5_000, 6_100);
        posts.Where(p => p.Post.Channel == Channel.ChatRoom).Should().OnlyContain(p => p.Post.Title == null);
    }

    [Fact]
    public void Chinese_and_english_posts_and_secret_material_come_in_the_shares_asked_for()
    {
        var posts = PostMix.Generate(5_000, Boards, Operators, new MixSettings(ChineseShare: 0.6, SecretShare: 0.1, EditShare: 0), At);

        var chinese = posts.Count(p => p.Post.Body.Any(c => c >= 0x4E00) && !p.Secret);
        var clean = posts.Count(p => !p.Secret);
        ((double)chinese / clean).Should().BeApproximately(0.6, 0.03);
        ((double)posts.Count(p => p.Secret) / posts.Count).Should().BeApproximately(0.1, 0.02);
        posts.Where(p => p.Secret).Should().OnlyContain(p => p.Post.Body.Contains('★'), "each secret post carries a secrecy marking");
        posts.Where(p => !p.Secret).Should().OnlyContain(p => !p.Post.Body.Contains('★'));
    }

    [Fact]
    public void An_edit_is_the_next_revision_of_an_earlier_post_on_its_board_by_its_operator_and_comes_after_it()
    {
        var posts = PostMix.Generate(3_000, Boards, Operators, new MixSettings(EditShare: 0.2), At);

        posts.Select(p => p.Key).Should().OnlyHaveUniqueItems("each message is a revision of its own and expects one verdict");
        ((double)posts.Count(p => p.Post.Revision > 0) / posts.Count).Should().BeApproximately(0.2, 0.03);
        var seen = new Dictionary<(string, string), int>();
        foreach (var post in posts)
        {
            var id = (post.Post.BoardId, post.Post.PostId);
            var expected = seen.TryGetValue(id, out var last) ? last + 1 : 0;
            post.Post.Revision.Should().Be(expected, $"{post.Key} follows revision {expected - 1}");
            seen[id] = post.Post.Revision;
            post.Operator.Should().Be(Operators[Array.IndexOf(Boards, post.Post.BoardId)], "a board's posts are sent by its operator");
        }
    }

    [Fact]
    public void Every_post_keeps_to_the_wire_rules_for_ids_text_and_time()
    {
        var posts = PostMix.Generate(2_000, Boards, Operators, new MixSettings(), At);

        posts.Should().OnlyContain(p => WireText.IsId(p.Post.PostId) && WireText.IsId(p.Post.AuthorId) && Boards.Contains(p.Post.BoardId));
        posts.Should().OnlyContain(p => p.Post.Body.Length <= 200_000 && WireText.ControlCharacterProblem("body", p.Post.Body) == null && (p.Post.Title == null || p.Post.Title.Length <= 1_000));
        posts.Should().OnlyContain(p => p.Post.SubmittedAt == At);
    }

    [Fact]
    public void A_plan_without_boards_is_refused()
    {
        var generate = () => PostMix.Generate(10, [], [], new MixSettings(), At);

        generate.Should().Throw<ArgumentException>().WithMessage("*at least one board*");
    }
}
