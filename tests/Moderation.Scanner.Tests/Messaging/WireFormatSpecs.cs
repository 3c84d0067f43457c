using System.Text.Json;
using Moderation.Contracts;

namespace Moderation.Scanner.Tests.Messaging;

public sealed class WireFormatSpecs
{
    [Fact]
    public void A_plain_json_post_from_another_language_reads_into_the_contract()
    {
        const string json = """
            {"boardId":"demo-board","postId":"42","revision":1,"channel":"newsgroup","authorId":"u7",
             "title":"t","body":"b","submittedAt":"2026-11-24T08:30:00+08:00",
             "source":{"outlet":"news.example","consentReference":"C-1"},"extra":"ignored"}
            """;

        var post = JsonSerializer.Deserialize<PostSubmitted>(json, WireFormat.Options)!;

        post.Should().BeEquivalentTo(new PostSubmitted
        {
            BoardId = "demo-board",
            PostId = "42",
            Revision = 1,
            Channel = Channel.Newsgroup,
            AuthorId = "u7",
            Title = "t",
            Body = "b",
            SubmittedAt = new DateTimeOffset(2026, 11, 24, 8, 30, 0, TimeSpan.FromHours(8)),
            Source = new PostSource { Outlet = "news.example", ConsentReference = "C-1" },
        });
    }

    [Fact]
    public void Missing_fields_and_an_unknown_channel_still_read_so_validation_can_name_them()
    {
        var post = JsonSerializer.Deserialize<PostSubmitted>("""{"boardId":"b","channel":"forum"}""", WireFormat.Options)!;

        post.Body.Should().BeNull();
        Enum.IsDefined(post.Channel).Should().BeFalse();
    }

    [Fact]
    public void A_verdict_is_written_as_camel_case_json_with_enum_names()
    {
        var verdict = new PostVerdict
        {
            BoardId = "b",
            PostId = "p",
            Revision = 2,
            Action = VerdictAction.Hold,
            Stage = VerdictStage.Scan,
            Score = 0.75,
            Reasons = [new VerdictReason { Rule = "r", Category = "secrecy-marking", Field = "body", Start = 3, Length = 6, Weight = 0.7 }],
            DecidedAt = new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero),
        };

        var json = JsonSerializer.Serialize(verdict, WireFormat.Options);

        json.Should().Contain("\"action\":\"Hold\"").And.Contain("\"stage\":\"Scan\"").And.Contain("\"reasons\":[{\"rule\":\"r\"");
    }
}
