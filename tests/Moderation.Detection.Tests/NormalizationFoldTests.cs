using Moderation.Detection.Normalization;

namespace Moderation.Detection.Tests;

/// <summary>The folds beyond NFKC: traditional → simplified, look-alikes, digit styles, numerals and pinyin.</summary>
public class NormalizationFoldTests
{
    [Theory]
    [InlineData("機密", "机密")]
    [InlineData("絕密★長期", "绝密★长期")]
    [InlineData("內部資料", "内部资料")]
    [InlineData("不得外傳", "不得外传")]
    [InlineData("閱後收回", "阅后收回")]
    [InlineData("嚴禁複製", "严禁复制")]
    [InlineData("祕密", "秘密")]
    [InlineData("絶密", "绝密")]
    [InlineData("兩個月", "两个月")]
    public void Traditional_characters_fold_to_simplified(string text, string expected)
    {
        TextNormalizer.NormalizeToString(text).Should().Be(expected);
    }

    [Theory]
    [InlineData("乾隆")]
    [InlineData("著作")]
    [InlineData("覆盖")]
    [InlineData("於是")]
    [InlineData("藉口")]
    [InlineData("瞭望")]
    [InlineData("線上")]
    [InlineData("鍾錶")]
    public void Characters_in_common_simplified_use_or_with_two_simplified_forms_are_kept(string text)
    {
        string folded = TextNormalizer.NormalizeToString(text);

        folded[0].Should().Be(text[0], "{0} is written in simplified text too, or has no single simplified form", text[0]);
    }

    [Theory]
    [InlineData("ТОР SЕСRЕТ", "top secret")]
    [InlineData("Сlаssifiеd Ву:", "classified by:")]
    [InlineData("SЕСRЕТ//ΝΟFΟRΝ", "secret//noforn")]
    [InlineData("(ТЅ//ЅΙ)", "(ts//si)")]
    [InlineData("ѕеcrеt", "secret")]
    [InlineData("ТЅ", "ts")]
    public void Cyrillic_and_Greek_look_alikes_in_Latin_words_read_as_Latin(string text, string expected)
    {
        TextNormalizer.NormalizeToString(text).Should().Be(expected);
    }

    [Theory]
    [InlineData("Привет, как дела?", "привет, как дела?")]
    [InlineData("Секретарь пришёл", "секретарь пришёл")]
    [InlineData("Καλημέρα κόσμε", "καλημέρα κόσμε")]
    [InlineData("ΑΘΗΝΑ", "αθηνα")]
    public void Russian_and_Greek_words_are_left_alone(string text, string expected)
    {
        TextNormalizer.NormalizeToString(text).Should().Be(expected);
    }

    [Theory]
    [InlineData("❺", "5")]
    [InlineData("⓾", "10")]
    [InlineData("➑", "8")]
    [InlineData("⓫", "11")]
    [InlineData("⑤", "5")]
    [InlineData("⑴", "1")]
    [InlineData("⒇", "20")]
    [InlineData("⒌", "5")]
    [InlineData("㈤", "五")]
    [InlineData("\U0001F102", "1")]
    [InlineData("５", "5")]
    [InlineData("\U0001F163\U0001F17E\U0001F1F5", "top")]
    [InlineData("⭐️", "★")]
    [InlineData("✱", "*")]
    [InlineData("二○二四", "二〇二四")]
    public void Digit_letter_and_star_styles_fold(string text, string expected)
    {
        TextNormalizer.NormalizeToString(text).Should().Be(expected);
    }

    [Theory]
    [InlineData("机密★五年", "机密★5年")]
    [InlineData("绝密★十年", "绝密★10年")]
    [InlineData("绝密★二十年", "绝密★20年")]
    [InlineData("绝密★廿五年", "绝密★25年")]
    [InlineData("秘密★六个月", "秘密★6个月")]
    [InlineData("秘密★叁年", "秘密★3年")]
    [InlineData("秘密 ★ 十五 年", "秘密★15年")]
    [InlineData("国办发〔二〇二四〕十二号", "国办发〔2024〕12号")]
    [InlineData("京政发〔二○二三〕第三号", "京政发〔2023〕第3号")]
    [InlineData("六一三九八部队", "61398部队")]
    public void Chinese_numerals_read_as_numbers_where_a_rule_needs_one(string text, string expected)
    {
        TextNormalizer.NormalizeToString(text).Should().Be(expected);
    }

    [Theory]
    [InlineData("一个五星好评")]
    [InlineData("★★★★★五星好评")]
    [InlineData("十分满意,三年老店")]
    [InlineData("二〇二四年的总结")]
    [InlineData("第十二号选手")]
    [InlineData("五十年代")]
    public void Chinese_numerals_elsewhere_are_left_alone(string text)
    {
        TextNormalizer.NormalizeToString(text).Should().Be(text);
    }

    [Theory]
    [InlineData("机密*5年", "机密*5年")]
    [InlineData("机密 * 10年", "机密*10年")]
    [InlineData("机密*五年", "机密*5年")]
    [InlineData("绝密*长期", "绝密*长期")]
    [InlineData("机*密", "机密")]
    public void An_asterisk_that_may_be_the_star_of_a_marking_is_kept(string text, string expected)
    {
        TextNormalizer.NormalizeToString(text).Should().Be(expected);
    }

    [Theory]
    [InlineData("nei bu zi liao", "内部资料")]
    [InlineData("neibuziliao", "内部资料")]
    [InlineData("NeiBu ZiLiao", "内部资料")]
    [InlineData("bu-de-wai-chuan", "不得外传")]
    [InlineData("bu de wai chuan", "不得外传")]
    [InlineData("nèi bù zī liào", "内部资料")]
    [InlineData("nei4 bu4 zi1 liao4", "内部资料")]
    [InlineData("内部 zi liao", "内部资料")]
    [InlineData("本书为nei bu zi liao，请勿外借", "本书为内部资料,请勿外借")]
    [InlineData("jue mi★10年", "绝密★10年")]
    [InlineData("juemi ★ 10年", "绝密★10年")]
    [InlineData("jimi★长期", "机密★长期")]
    [InlineData("ji mi * 5年", "机密*5年")]
    [InlineData("mi mi★5年", "秘密★5年")]
    [InlineData("jue2 mi4★10年", "绝密★10年")]
    [InlineData("ЈІ МІ★10年", "机密★10年")]
    [InlineData("密级：jue mi", "密级:绝密")]
    [InlineData("【ji mi】", "【机密】")]
    [InlineData("jue mi ★ chang qi", "绝密★长期")]
    [InlineData("ji mi ★ shi nian", "机密★10年")]
    [InlineData("mi mi ★ wu ge yue", "秘密★5个月")]
    [InlineData("jue mi ★ 20 nian", "绝密★20年")]
    public void Pinyin_of_watched_phrases_reads_as_the_characters(string text, string expected)
    {
        TextNormalizer.NormalizeToString(text).Should().Be(expected);
    }

    [Theory]
    [InlineData("mimi")]
    [InlineData("Mimi is my cat")]
    [InlineData("jimi hendrix")]
    [InlineData("Jimi (jimi) plays guitar")]
    [InlineData("mimi★★★★★")]
    [InlineData("jimmy jue mi")]
    [InlineData("neibu")]
    [InlineData("shi nian")]
    [InlineData("nei bu zi liaoning")]
    [InlineData("xneibuziliao")]
    public void Pinyin_that_does_not_stand_where_the_phrase_would_is_left_alone(string text)
    {
        TextNormalizer.NormalizeToString(text).Should().Be(text.ToLowerInvariant());
    }

    [Fact]
    public void A_pinyin_spelling_maps_each_character_to_its_syllable()
    {
        const string Original = "xx Jue-Mi★10年";
        using NormalizedText normalized = TextNormalizer.Normalize(Original);

        normalized.Text.ToString().Should().Be("xx 绝密★10年");
        Span(normalized, 3, 1).Should().Be("Jue");
        Span(normalized, 4, 1).Should().Be("Mi");
        Span(normalized, 3, 6).Should().Be("Jue-Mi★10年");

        static string Span(NormalizedText normalized, int start, int length)
        {
            (int originalStart, int originalLength) = normalized.ToOriginal(start, length);
            return Original.Substring(originalStart, originalLength);
        }
    }

    [Fact]
    public void A_numeral_read_as_digits_maps_back_to_the_numerals()
    {
        const string Original = "秘密★二十五年";
        using NormalizedText normalized = TextNormalizer.Normalize(Original);

        normalized.Text.ToString().Should().Be("秘密★25年");
        normalized.ToOriginal(3, 1).Should().Be((3, 1));
        normalized.ToOriginal(4, 1).Should().Be((4, 2));
        normalized.ToOriginal(3, 2).Should().Be((3, 3));
    }

    [Fact]
    public void Every_term_of_the_default_rule_set_has_its_pinyin()
    {
        HashSet<string> spelt = PinyinTable.Entries.Select(e => e.Phrase).ToHashSet(StringComparer.Ordinal);
        IEnumerable<string> terms = RuleSet.LoadDefault().Rules
            .SelectMany(r => r.Terms)
            .Select(t => t.Trim())
            .Where(t => t.Length > 0 && t.All(c => c is >= '\u3400' and <= '\u9FFF'));

        terms.Should().OnlyContain(t => spelt.Contains(t),
            "the pinyin table is generated from the default rule set; rerun Normalization/Data/generate-tables.py after changing its terms");
    }

    [Fact]
    public void A_pattern_with_a_character_the_normaliser_rewrites_is_rejected_with_the_character_to_write()
    {
        const string Json = """
            { "version": "t", "rules": [ { "id": "r", "category": "custom", "kind": "pattern", "pattern": "機密", "weight": 0.5, "description": "d" } ] }
            """;

        FluentActions.Invoking(() => RuleSet.Parse(Json)).Should().Throw<RuleSetException>().WithMessage("*write '机' instead*");
    }

    [Theory]
    [InlineData("机密★五年")]
    [InlineData("绝密★十年")]
    [InlineData("秘密★①年")]
    [InlineData("機密★長期")]
    [InlineData("jue mi★10年")]
    [InlineData("机密⭐10年")]
    public void The_marking_rule_catches_a_disguised_marking_and_highlights_all_of_it(string marking)
    {
        string body = $"附件：{marking}，请查收";

        ScanResult result = DetectionEngine.CreateDefault().Scan(new ScanInput(null, body));

        result.Findings.Should().Contain(f => f.Category == RuleCategories.SecrecyMarking
            && body.Substring(f.Start, f.Length) == marking);
    }
}
