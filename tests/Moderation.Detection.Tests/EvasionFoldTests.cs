using Moderation.Detection.Normalization;

namespace Moderation.Detection.Tests;

/// <summary>
/// The folds for the disguises posters use beyond single characters: each reads the disguise as what
/// it hides, points back at the original characters, and leaves the ordinary text that looks like it alone.
/// </summary>
public sealed class EvasionFoldTests
{
    private static string Fold(string text) => TextNormalizer.NormalizeToString(text);

    [Theory]
    [InlineData("绝🔥密★长期", "绝密★长期")]
    [InlineData("内🙈部🙈资🙈料", "内部资料")]
    [InlineData("机✨密★10年", "机密★10年")]
    [InlineData("不👍🏻得外传", "不得外传")]
    public void Emoji_between_chinese_characters_are_dropped(string text, string expected) => Fold(text).Should().Be(expected);

    [Theory]
    [InlineData("I ❤️ this 🔥 game", "i ❤ this 🔥 game")]
    [InlineData("好吃😋", "好吃😋")]
    [InlineData("😋好吃", "😋好吃")]
    public void Emoji_that_split_nothing_stay(string text, string expected) => Fold(text).Should().Be(expected);

    [Theory]
    [InlineData("<b>绝</b><b>密</b>★长期", "绝密★长期")]
    [InlineData("内<!-- x -->部资料", "内部资料")]
    [InlineData("<span style=\"color:red\">机</span>密★10年", "机密★10年")]
    [InlineData("<B>TOP</B> <I>SECRET</I>", "top secret")]
    public void Html_tags_and_comments_between_characters_are_dropped(string text, string expected) => Fold(text).Should().Be(expected);

    [Theory]
    [InlineData("if a < b > c then", "if a < b > c then")]
    [InlineData("I <3 you", "i <3 you")]
    [InlineData("List<int> x", "list x")]
    public void Text_that_is_not_a_tag_stays(string text, string expected) => Fold(text).Should().Be(expected);

    [Theory]
    [InlineData("T0P S3CR3T//N0F0RN", "top secret//noforn")]
    [InlineData("C0NF1D3NT1AL", "confidential")]
    [InlineData("C1ASSIF1ED", "classified")]
    [InlineData("S3CRET//R3L T0 USA", "secret//rel to usa")]
    [InlineData("5ECRET", "secret")]
    public void Leetspeak_banner_words_read_as_the_words(string text, string expected) => Fold(text).Should().Be(expected);

    [Theory]
    [InlineData("b2b h4x0r l33t mp3 covid19 4s0s", "b2b h4x0r l33t mp3 covid19 4s0s")]
    [InlineData("Windows 10 and R2D2", "windows 10 and r2d2")]
    public void Words_with_digits_that_spell_no_banner_word_stay(string text, string expected) => Fold(text).Should().Be(expected);

    [Theory]
    [InlineData("S E C R E T", "secret")]
    [InlineData("T O P S E C R E T / / N O F O R N", "top secret / / noforn")]
    [InlineData("c.o.n.f.i.d.e.n.t.i.a.l", "confidential")]
    [InlineData("S-E-C-R-E-T memo", "secret memo")]
    public void Spaced_out_banner_words_are_joined(string text, string expected) => Fold(text).Should().Be(expected);

    [Theory]
    [InlineData("I O U a drink", "i o u a drink")]
    [InlineData("a b c d e", "a b c d e")]
    [InlineData("k l m n o p", "k l m n o p")]
    public void Spaced_letters_that_spell_no_banner_word_stay(string text, string expected) => Fold(text).Should().Be(expected);

    [Theory]
    [InlineData("北纬三十九度五十四分", "北纬39度54分")]
    [InlineData("东经一百一十六度二十三分", "东经116度23分")]
    [InlineData("东经一百二十一度零七分三十秒", "东经121度07分30秒")]
    [InlineData("西经七十度", "西经70度")]
    public void Coordinates_in_chinese_numerals_read_as_digits(string text, string expected) => Fold(text).Should().Be(expected);

    [Theory]
    [InlineData("今天温度十分高")]
    [InlineData("一百个人排队, 三十度高温")]
    [InlineData("他考了一百分")]
    public void Numerals_that_are_not_a_coordinate_stay(string text) => Fold(text).Should().Be(text);

    [Theory]
    [InlineData("jue mi chang qi", "绝密长期")]
    [InlineData("ji mi shi nian", "机密十年")]
    [InlineData("JueMi ChangQi. hai jun mou ying", "绝密长期. hai jun mou ying")]
    public void A_whole_marking_in_pinyin_without_its_star_reads_as_the_marking(string text, string expected) => Fold(text).Should().Be(expected);

    [Fact]
    public void A_marking_spelt_out_in_pinyin_is_held_and_highlights_the_pinyin()
    {
        const string Body = "ji mi shi nian. hai jun mou ying xia zhou deng chuan";
        ScanResult result = DetectionEngine.CreateDefault().Scan(new ScanInput(null, Body));

        result.Decision.Should().Be(Decision.Hold);
        Finding marking = result.Findings.Single(f => f.RuleId == "marking-spelt-out");
        Body.Substring(marking.Start, marking.Length).Should().Be("ji mi shi nian");
    }

    [Theory]
    [InlineData("<b>绝</b><b>密</b>★长期", "绝</b><b>密</b>★长期")]
    [InlineData("x T0P S3CR3T//N0F0RN", "T0P S3CR3T//N0F0RN")]
    [InlineData("x S E C R E T // N O F O R N", "S E C R E T // N O F O R N")]
    public void Findings_of_a_disguised_marking_point_at_the_disguise(string body, string marked)
    {
        ScanResult result = DetectionEngine.CreateDefault().Scan(new ScanInput(null, body));

        Finding finding = result.Findings.First(f => f.Category is RuleCategories.SecrecyMarking or RuleCategories.ForeignBanner && f.Weight >= 0.6);
        body.Substring(finding.Start, finding.Length).Should().Be(marked);
    }

    [Fact]
    public void An_asterisk_after_the_star_or_before_the_numeral_3_is_noise_not_a_second_star()
    {
        Fold("绝*密*★*长*期").Should().Be("绝密★长期");
        Fold("仅*供*领*导*参*阅").Should().Be("仅供领导参阅");
        Fold("机密 * 10年").Should().Be("机密*10年", "after a level an asterisk may be the star");
    }
}
