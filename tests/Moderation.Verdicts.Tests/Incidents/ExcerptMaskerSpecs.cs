using Moderation.Contracts;
using Moderation.Detection;
using Moderation.Verdicts.Incidents;

namespace Moderation.Verdicts.Tests.Incidents;

public sealed class ExcerptMaskerSpecs
{
    [Fact]
    public void Only_the_matched_marking_and_punctuation_stay_readable()
    {
        const string body = "前言。机密★10年：坐标北纬三十九度";

        var excerpt = ExcerptMasker.Mask(null, body, [Reason("marking", RuleCategories.SecrecyMarking, "body", 3, 6)]);

        excerpt.Should().Be("＊＊。机密★10年：＊＊＊＊＊＊＊＊");
    }

    [Fact]
    public void Long_text_is_cut_around_the_matches()
    {
        var body = new string('甲', 100) + "绝密★长期" + new string('乙', 100);

        var excerpt = ExcerptMasker.Mask("标题", body, [Reason("marking", RuleCategories.SecrecyMarking, "body", 100, 5)]);

        excerpt.Should().StartWith("…").And.EndWith("…").And.Contain("绝密★长期").And.NotContain("甲").And.NotContain("标题");
    }

    [Fact]
    public void The_excerpt_masks_a_fingerprint_span_and_keeps_a_marking_readable()
    {
        const string Body = "机密★10年 试验分三个批次进行";
        VerdictReason[] reasons =
        [
            Reason("marking-with-period", RuleCategories.SecrecyMarking, "body", 0, 6),
            Reason("fingerprint:doc", RuleCategories.Fingerprint, "body", 7, 9),
        ];

        ExcerptMasker.Mask(null, Body, reasons).Should().Be("机密★10年 ＊＊＊＊＊＊＊＊＊");
    }

    [Fact]
    public void The_excerpt_runs_to_the_end_of_the_span_that_ends_last_not_of_the_one_that_starts_last()
    {
        // A passage of a protected document with a marking inside it: the marking starts last, the passage ends last.
        var body = new string('前', 30) + "甲乙丙丁机密★10年戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥" + new string('后', 60);
        VerdictReason[] reasons =
        [
            Reason("fingerprint:doc", RuleCategories.Fingerprint, "body", 30, 28),
            Reason("marking-with-period", RuleCategories.SecrecyMarking, "body", 34, 6),
        ];

        var excerpt = ExcerptMasker.Mask(null, body, reasons);

        // 20 characters of context before the passage, the passage (28), 20 after it, between the two ellipses.
        excerpt.Should().Be("…" + new string('＊', 24) + "机密★10年" + new string('＊', 38) + "…");
    }

    [Fact]
    public void A_repost_match_is_recognised_as_a_fingerprint_by_its_category_and_masked()
    {
        const string Body = "转发：试验分三个批次进行，机密★10年";
        VerdictReason[] reasons =
        [
            Reason("simhash:doc", RuleCategories.Fingerprint, "body", 0, Body.Length),
            Reason("marking-with-period", RuleCategories.SecrecyMarking, "body", 13, 6),
        ];

        ExcerptMasker.Mask(null, Body, reasons).Should().Be("＊＊：＊＊＊＊＊＊＊＊＊，机密★10年");
    }

    [Fact]
    public void A_reason_that_does_not_fit_its_field_is_left_out()
    {
        VerdictReason[] reasons =
        [
            Reason("marking", RuleCategories.SecrecyMarking, "body", 40, 6),
            Reason("negative", RuleCategories.SecrecyMarking, "body", -1, 3),
            Reason("title-marking", RuleCategories.SecrecyMarking, "title", 0, 6),
        ];

        ExcerptMasker.Mask(null, "机密★10年", reasons).Should().BeEmpty("the title is gone and no span fits the body");
        ExcerptMasker.Mask("机密★10年", null, reasons).Should().Be("机密★10年", "a purged body has nothing to show");
    }

    [Fact]
    public void Reasons_about_the_whole_post_mark_nothing()
    {
        VerdictReason[] reasons = [new() { Rule = "model", Category = "model", Field = "post", Weight = 0.6 }];

        ExcerptMasker.Mask("标题", "正文", reasons).Should().BeEmpty();
    }

    private static VerdictReason Reason(string rule, string category, string field, int start, int length) => new()
    {
        Rule = rule,
        Category = category,
        Field = field,
        Start = start,
        Length = length,
        Weight = 0.75,
    };
}
