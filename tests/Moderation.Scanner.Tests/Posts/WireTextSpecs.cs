using Moderation.Contracts;

namespace Moderation.Scanner.Tests.Posts;

/// <summary>The id character set and the control-character rule every door applies (<see cref="WireText"/>).</summary>
public sealed class WireTextSpecs
{
    [Theory]
    [InlineData("demo-board")]
    [InlineData("12345")]
    [InlineData("article:123@news.example.cn")]
    [InlineData("u~7.x_y-z")]
    [InlineData("...")]
    public void Ids_of_the_documented_characters_are_ids(string id) =>
        WireText.IdProblem("postId", id).Should().BeNull();

    [Theory]
    [InlineData("thread/12", "is not an id")]
    [InlineData("..", "is not an id")]
    [InlineData(".", "is not an id")]
    [InlineData("", "is not an id")]
    [InlineData("with space", "is not an id")]
    [InlineData("帖子1", "is not an id")]
    [InlineData("p%2F1", "is not an id")]
    [InlineData("p\0", "is not an id")]
    public void Anything_else_is_refused_naming_the_field_and_the_set(string id, string says)
    {
        var problem = WireText.IdProblem("postId", id);

        problem.Should().StartWith("postId").And.Contain(says).And.Contain(WireText.IdCharacterSet);
        problem.Should().NotContain("\0");
    }

    [Fact]
    public void An_id_longer_than_the_limit_says_the_limit() =>
        WireText.IdProblem("requestId", new string('r', 101), 100).Should().Be("requestId is 101 characters long; an id has at most 100.");

    [Theory]
    [InlineData("plain text", -1)]
    [InlineData("tab\tand\r\nbreaks", -1)]
    [InlineData("emoji 😀 pair", -1)]
    [InlineData("nul\0", 3)]
    [InlineData("\u007f del", 0)]
    [InlineData("c1 \u009b", 3)]
    public void Text_may_hold_tab_and_line_breaks_but_no_other_control_character(string text, int index) =>
        WireText.IndexOfForbidden(text).Should().Be(index);

    [Fact]
    public void Half_a_surrogate_pair_standing_alone_is_not_text()
    {
        // Built here: test data in attributes would not carry a lone surrogate through intact.
        WireText.IndexOfForbidden("lone " + '\udc00').Should().Be(5);
        WireText.IndexOfForbidden("high at end " + '\ud83d').Should().Be(12);
        WireText.IndexOfForbidden("reversed " + '\ude00' + '\ud83d').Should().Be(9);
        WireText.ControlCharacterProblem("title", "x" + '\ud83d').Should().Contain("half of a surrogate pair (U+D83D) at position 1");
    }

    [Fact]
    public void A_refused_value_is_quoted_with_its_forbidden_characters_replaced() =>
        WireText.Printable("a\0b😀\udc00").Should().Be("a\uFFFDb😀\uFFFD");
}
