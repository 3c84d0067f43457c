using Moderation.Contracts;
using Moderation.Detection;
using Moderation.Detection.Fingerprints;
using Moderation.Verdicts;
using Moderation.Verdicts.Incidents;

namespace Moderation.Verdicts.Tests;

/// <summary>What a case keeps of its post, and the category it is filed under.</summary>
public sealed class CaseEvidenceSpecs
{
    private static VerdictReason Reason(string category, double weight, string rule = "r") =>
        new() { Rule = rule, Category = category, Field = "body", Start = 0, Length = 5, Weight = weight };

    [Fact]
    public void A_case_with_a_secrecy_marking_is_filed_under_the_marking_even_when_the_model_weighs_more()
    {
        IReadOnlyList<VerdictReason> reasons =
        [
            Reason(RuleCategories.Sharing, 0.3),
            Reason(RuleCategories.SecrecyMarking, 0.8),
            Reason("model", 0.97, "model"),
            Reason("decision", 0.99, "decision"),
        ];

        CaseEvidence.StrongestCategory(reasons).Should().Be(RuleCategories.SecrecyMarking);
        CaseEvidence.CategoriesOf(reasons).Should().Equal(RuleCategories.SecrecyMarking, RuleCategories.Sharing);
    }

    [Fact]
    public void The_model_names_the_category_only_when_no_rule_matched_and_counter_evidence_never_does()
    {
        CaseEvidence.StrongestCategory([Reason("model", 0.7, "model"), Reason(RuleCategories.PublicRelease, 0.9), Reason("decision", 0.7, "decision")]).Should().Be("model");
        CaseEvidence.StrongestCategory([Reason("decision", 0.7, "decision")]).Should().BeNull();
        CaseEvidence.StrongestCategory([Reason(RuleCategories.Fingerprint, 0.95, "fingerprint:bm-1"), Reason(RuleCategories.SecrecyMarking, 0.8)]).Should().Be(RuleCategories.Fingerprint);
    }

    [Fact]
    public void The_evidence_is_the_incidents_excerpt_and_the_posts_own_fingerprint_never_its_text()
    {
        const string Body = "绝密★长期 第三批次物资的交付地点改为西郊仓库，时间定在下周二凌晨三点，由老王带队押运，沿途不得停留，到达后立即清点入库并报告指挥部。";
        var post = new PostSubmitted { BoardId = "b", PostId = "p", Revision = 0, Channel = Channel.Bbs, AuthorId = "u-7", Title = "通知", Body = Body, SubmittedAt = DateTimeOffset.UnixEpoch };
        var verdict = new PostVerdict { BoardId = "b", PostId = "p", Action = VerdictAction.Remove, Reasons = [Reason(RuleCategories.SecrecyMarking, 0.9)], DecidedAt = DateTimeOffset.UnixEpoch };
        var scheme = FingerprintScheme.FromSecret("case-evidence-specs");
        var fingerprint = PostFingerprint.Compute(scheme, post.Title, post.Body);

        var evidence = CaseEvidence.Of(post, verdict, fingerprint, scheme);

        evidence.AuthorId.Should().Be("u-7");
        evidence.Title.Should().Be("通知");
        evidence.MaskedExcerpt.Should().Be(ExcerptMasker.Mask(post.Title, post.Body, verdict.Reasons)).And.StartWith("绝密★长期").And.NotContain("西郊");
        evidence.Categories.Should().Equal(RuleCategories.SecrecyMarking);
        evidence.Fingerprint.Should().BeSameAs(fingerprint);
        evidence.GroupsReposts.Should().BeTrue("the post is long enough for its SimHash to identify it");
        CaseEvidence.Of(post with { Body = "绝密★长期 内部资料 不得外传：第三批次的交付地点改为西郊仓库" }, verdict, PostFingerprint.Compute(scheme, post.Title, "绝密★长期 内部资料 不得外传：第三批次的交付地点改为西郊仓库"), scheme)
            .GroupsReposts.Should().BeFalse("a one-liner's SimHash says too little to group by");
        FingerprintScheme.AreNearDuplicates(fingerprint!.SimHash, PostFingerprint.Compute(scheme, post.Title, Body.Replace("老王", "老李", StringComparison.Ordinal))!.SimHash).Should().BeTrue();
    }
}
