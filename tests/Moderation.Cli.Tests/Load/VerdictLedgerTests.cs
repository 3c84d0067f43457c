using System.Text;
using Moderation.Cli.Load;

namespace Moderation.Cli.Tests.Load;

public sealed class VerdictLedgerTests
{
    private static readonly RevisionKey First = new("b", "p1", 0);
    private static readonly RevisionKey Edit = new("b", "p1", 1);
    private static readonly RevisionKey Second = new("b", "p2", 0);

    [Fact]
    public void Each_revision_is_answered_once_and_what_is_missing_or_answered_twice_is_named()
    {
        var ledger = new VerdictLedger();
        ledger.Sent(First);
        ledger.Sent(Edit);
        ledger.Sent(Second);

        ledger.Receive(Verdict(First, "Publish"));
        ledger.Receive(Verdict(Edit, "Remove"));
        ledger.Receive(Verdict(Edit, "Remove"));

        ledger.Published.Should().Be(3);
        ledger.Answered.Should().Be(2);
        ledger.Received.Should().Be(3);
        ledger.Unanswered().Should().Equal(Second);
        ledger.Duplicated().Should().Equal((Edit, 2));
        ledger.Actions.Should().BeEquivalentTo(new Dictionary<string, int> { ["Publish"] = 1, ["Remove"] = 2 });
        ledger.Latency().Count.Should().Be(2, "a duplicate adds no latency sample");
        ledger.Disagreed().Should().BeEmpty("the repeated verdict repeats the action");
    }

    [Fact]
    public void A_revision_answered_twice_with_different_answers_is_named_as_disagreeing()
    {
        var ledger = new VerdictLedger();
        ledger.Sent(First);
        ledger.Sent(Second);

        ledger.Receive(Verdict(First, "Publish"));
        ledger.Receive(Verdict(First, "Remove"));
        ledger.Receive(Verdict(Second, "Publish"));
        ledger.Receive(Encoding.UTF8.GetBytes("""{"boardId":"b","postId":"p2","revision":0,"code":"BoardSuspended","reason":"suspended"}"""));

        ledger.Disagreed().Should().BeEquivalentTo([First, Second]);
        ledger.Duplicated().Should().HaveCount(2);
    }

    [Fact]
    public void Rejections_are_answers_counted_by_code()
    {
        var ledger = new VerdictLedger();
        ledger.Sent(First);

        ledger.Receive(Encoding.UTF8.GetBytes("""{"boardId":"b","postId":"p1","revision":0,"code":"BoardSuspended","reason":"suspended"}"""));

        ledger.Answered.Should().Be(1);
        ledger.Rejections.Should().BeEquivalentTo(new Dictionary<string, int> { ["BoardSuspended"] = 1 });
        ledger.Actions.Should().BeEmpty();
    }

    [Fact]
    public void Messages_of_later_stages_or_other_runs_are_counted_apart_and_unreadable_ones_are_errors()
    {
        var ledger = new VerdictLedger();
        ledger.Sent(First);

        ledger.Receive(Encoding.UTF8.GetBytes("""{"boardId":"b","postId":"p1","revision":0,"action":"Publish","stage":"Review"}"""));
        ledger.Receive(Verdict(new RevisionKey("other-run", "p1", 0), "Publish"));
        ledger.Receive("not json"u8);

        ledger.Answered.Should().Be(0);
        ledger.Unexpected.Should().Be(2);
        ledger.Errors.Should().ContainSingle().Which.Should().Contain("unreadable message");
    }

    [Fact]
    public void The_timeline_counts_posts_and_latencies_by_the_second_they_were_published()
    {
        var ledger = new VerdictLedger();
        ledger.Sent(First);
        ledger.Receive(Verdict(First, "Hold"));

        var timeline = ledger.Timeline();

        timeline.Should().ContainSingle();
        timeline[0].Should().Match<TimelinePoint>(p => p.Second == 0 && p.Published == 1 && p.Verdicts == 1 && p.Max >= p.P99 && p.P99 >= p.P50 && p.P50 >= 0);
    }

    private static byte[] Verdict(RevisionKey key, string action) =>
        Encoding.UTF8.GetBytes($$"""{"boardId":"{{key.BoardId}}","postId":"{{key.PostId}}","revision":{{key.Revision}},"action":"{{action}}","stage":"Scan","score":0.1}""");
}
