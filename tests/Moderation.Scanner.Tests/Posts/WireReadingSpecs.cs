using System.Text.Json;
using Moderation.Contracts;

namespace Moderation.Scanner.Tests.Posts;

/// <summary>What the wire format refuses while reading, over AMQP and HTTP alike: a property named twice, a time without an offset.</summary>
public sealed class WireReadingSpecs
{
    private const string Post = """{"boardId":"demo-board","postId":"p-1","authorId":"a-1","body":"hi","submittedAt":"2026-11-24T08:30:00+08:00"}""";

    [Fact]
    public void A_post_with_an_offset_reads_as_that_instant()
    {
        var post = JsonSerializer.Deserialize<PostSubmitted>(Post, WireFormat.Options)!;

        post.SubmittedAt.Should().Be(new DateTimeOffset(2026, 11, 24, 0, 30, 0, TimeSpan.Zero));
    }

    [Theory]
    [InlineData("2026-11-24T08:30:00")]
    [InlineData("2026-11-24T08:30:00.1234567")]
    [InlineData("2026-11-24")]
    public void A_time_without_an_offset_is_refused_naming_the_field(string time)
    {
        var read = () => JsonSerializer.Deserialize<PostSubmitted>(Post.Replace("2026-11-24T08:30:00+08:00", time, StringComparison.Ordinal), WireFormat.Options);

        var refused = read.Should().Throw<JsonException>().Which;
        refused.Path.Should().Be("$.submittedAt");
        refused.Message.Should().MatchRegex("(has no offset|is not a time)");
    }

    [Theory]
    [InlineData("2026-11-24T08:30:00Z")]
    [InlineData("2026-11-24T08:30:00-05:00")]
    [InlineData("2026-11-24T08:30:00.5+08:00")]
    public void Every_iso_offset_form_is_read(string time)
    {
        var read = () => JsonSerializer.Deserialize<PostSubmitted>(Post.Replace("2026-11-24T08:30:00+08:00", time, StringComparison.Ordinal), WireFormat.Options);

        read.Should().NotThrow();
    }

    [Theory]
    [InlineData("""{"boardId":"demo-board","boardId":"other-board","postId":"p","authorId":"a","body":"","submittedAt":"2026-11-24T08:30:00Z"}""")]
    [InlineData("""{"boardId":"demo-board","BoardId":"other-board","postId":"p","authorId":"a","body":"","submittedAt":"2026-11-24T08:30:00Z"}""")]
    public void A_property_sent_twice_is_refused_rather_than_the_last_one_winning(string json)
    {
        var read = () => JsonSerializer.Deserialize<PostSubmitted>(json, WireFormat.Options);

        read.Should().Throw<JsonException>();
    }

    [Fact]
    public void A_time_is_written_with_its_offset_and_read_back()
    {
        var at = new DateTimeOffset(2026, 11, 24, 8, 30, 0, TimeSpan.FromHours(8));

        var json = JsonSerializer.Serialize(at, WireFormat.Options);

        json.Should().Be("\"2026-11-24T08:30:00+08:00\"");
        JsonSerializer.Deserialize<DateTimeOffset>(json, WireFormat.Options).Should().Be(at);
    }
}
