using Moderation.Detection;
using Moderation.Scanner.Scanning;

namespace Moderation.Scanner.Tests.Scanning;

public sealed class ExcerptMaskerSpecs
{
    [Fact]
    public void Only_the_matched_marking_and_punctuation_stay_readable()
    {
        const string body = "前言。机密★10年：坐标北纬三十九度";
        var finding = new Finding("marking", "secrecy-marking", TextField.Body, 3, 6, 0.7, "marking");

        var excerpt = ExcerptMasker.Mask(null, body, [finding]);

        excerpt.Should().Be("＊＊。机密★10年：＊＊＊＊＊＊＊＊");
    }

    [Fact]
    public void Long_text_is_cut_around_the_matches()
    {
        var body = new string('甲', 100) + "绝密★长期" + new string('乙', 100);
        var finding = new Finding("marking", "secrecy-marking", TextField.Body, 100, 5, 0.7, "marking");

        var excerpt = ExcerptMasker.Mask("标题", body, [finding]);

        excerpt.Should().StartWith("…").And.EndWith("…").And.Contain("绝密★长期").And.NotContain("甲").And.NotContain("标题");
    }
}
