using Moderation.Contracts;
using Moderation.Detection;
using Moderation.Detection.Fingerprints;
using Moderation.Verdicts.Incidents;

namespace Moderation.Verdicts.Tests.Incidents;

public sealed class IncidentOpenerSpecs
{
    private const string Title = "关于青岚-7型设备外场试验的通知";

    private const string Body = """
        机密★10年
        各参试单位：根据年度试验计划安排，青岚-7型设备第二阶段外场试验定于十一月中旬在北岭试验场组织实施。
        试验分三个批次进行，首批次自十一月十二日开始，每批次持续四天，间隔两天用于数据整理和设备检修。
        """;

    private static readonly FingerprintScheme Scheme = FingerprintScheme.FromSecret(FingerprintScheme.DemoSecret);

    private static readonly DateTimeOffset At = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    private static readonly PostVerdict Verdict = new()
    {
        BoardId = "b-1",
        PostId = "p-1",
        Revision = 1,
        Action = VerdictAction.Remove,
        Stage = VerdictStage.Scan,
        Score = 0.9375,
        Reasons =
        [
            Reason("marking-with-period", RuleCategories.SecrecyMarking, 0, 6),
            Reason("fingerprint:ql7-notice", RuleCategories.Fingerprint, 10, 40),
            Reason("simhash:ql7-notice", RuleCategories.Fingerprint, 0, 60),
            Reason("fingerprint:ql7-notice", RuleCategories.Fingerprint, 60, 20),
        ],
        RuleSetVersion = "2026.12-4",
        DecidedAt = At,
    };

    [Fact]
    public void A_scan_and_a_moderator_open_the_same_post_with_the_same_fingerprint_as_the_document_it_is_registered_as()
    {
        var registered = PostFingerprint.Compute(Scheme, Title, Body, "confirmed-case-7", "Confirmed post b-1/p-1#1", "110105")!;

        var byScan = IncidentOpener.Open(Verdict, Title, Body, PostFingerprint.Compute(Scheme, Title, Body), Scan());
        var byReview = IncidentOpener.Open(Verdict with { Stage = VerdictStage.Review }, Title, Body, registered,
            new IncidentOrigin(IncidentOrigin.ReviewSource, "mod-1", "confirmed") { ScanId = 3, ReviewCaseId = 7, RegisteredDocumentId = registered.DocumentId });

        var simHash = PostFingerprint.SimHashOf(registered);
        byScan.Fingerprints.Should().Equal("fingerprint:ql7-notice", "simhash:ql7-notice", simHash);
        byReview.Fingerprints.Should().Equal("fingerprint:ql7-notice", "simhash:ql7-notice", simHash, "confirmed-case-7");
        byReview.ScanId.Should().Be(3);
        byReview.ReviewCaseId.Should().Be(7);
        byReview.Source.Should().Be("Review");
        byReview.MaskedExcerpt.Should().Be(byScan.MaskedExcerpt);
    }

    [Fact]
    public void The_post_is_fingerprinted_over_its_title_and_body_one_line_each()
    {
        var post = PostFingerprint.Compute(Scheme, Title, Body)!;

        post.SimHash.Should().Be(Scheme.Compute("any", null, Title + "\n" + Body).SimHash);
        post.SimHash.Should().NotBe(Scheme.Compute("any", null, Body).SimHash, "the title is part of what leaked");
        PostFingerprint.Compute(Scheme, null, Body)!.SimHash.Should().Be(Scheme.Compute("any", null, Body).SimHash);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("标题", null)]
    [InlineData(null, "机密★10年")]
    public void A_post_too_short_or_purged_has_no_fingerprint_and_its_incident_keeps_the_matches_only(string? title, string? body)
    {
        PostFingerprint.Compute(Scheme, title, body).Should().BeNull();

        var incident = IncidentOpener.Open(Verdict, title, body, PostFingerprint.Compute(Scheme, title, body), Scan());

        incident.Fingerprints.Should().Equal("fingerprint:ql7-notice", "simhash:ql7-notice");
    }

    [Fact]
    public void The_incident_carries_the_verdict_its_rules_once_each_and_a_masked_excerpt_instead_of_the_text()
    {
        var incident = IncidentOpener.Open(Verdict, Title, Body, PostFingerprint.Compute(Scheme, Title, Body), Scan());

        incident.Should().Match<IncidentOpening>(i => i.BoardId == "b-1" && i.PostId == "p-1" && i.Revision == 1
            && i.Score == 0.9375 && i.DetectedAt == At && i.Source == "Scan" && i.OpenedBy == "scanner" && i.RemovalDetail == "removed");
        incident.Rules.Select(r => r.Rule).Should().Equal("marking-with-period", "fingerprint:ql7-notice", "simhash:ql7-notice");
        incident.MaskedExcerpt.Should().StartWith("机密★10年").And.NotContainAny("青岚", "试验", "北岭", "通知");
    }

    private static IncidentOrigin Scan() => new(IncidentOrigin.ScanSource, "scanner", "removed");

    private static VerdictReason Reason(string rule, string category, int start, int length) => new()
    {
        Rule = rule,
        Category = category,
        Field = "body",
        Start = start,
        Length = length,
        Weight = 0.75,
        Description = rule,
    };
}
