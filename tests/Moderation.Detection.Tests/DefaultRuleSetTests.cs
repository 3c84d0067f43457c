using Moderation.Detection.Normalization;

namespace Moderation.Detection.Tests;

/// <summary>What the embedded default rule set finds, and what it leaves alone.</summary>
public class DefaultRuleSetTests
{
    private static readonly DetectionEngine Engine = DetectionEngine.CreateDefault();

    [Fact]
    public void Every_pattern_of_the_default_rules_runs_only_on_posts_holding_one_of_its_literals()
    {
        // A pattern without literals runs on every post, and its non-backtracking automaton grows
        // with every text it reads. The grid reference (33TWN 12345 67890) is digits and letters only.
        Engine.UnfilteredPatterns.Should().Equal("military-grid-or-net");
    }

    [Theory]
    [InlineData("机密★10年", "marking-with-period")]
    [InlineData("绝密★长期", "marking-with-period")]
    [InlineData("秘密★5年", "marking-with-period")]
    [InlineData("机密☆6个月", "marking-with-period")]
    [InlineData("秘密★三年", "marking-with-period")]
    [InlineData("【机密】", "marking-bracketed")]
    [InlineData("密级：秘密", "marking-level-field")]
    public void Secrecy_markings_are_found(string marking, string ruleId)
    {
        ScanResult result = Engine.Scan(new ScanInput(null, $"会议纪要 {marking} 第一部分"));

        result.Findings.Should().ContainSingle(f => f.RuleId == ruleId)
            .Which.Category.Should().Be(RuleCategories.SecrecyMarking);
        result.Decision.Should().Be(Decision.Hold);
    }

    [Theory]
    [InlineData("机 密 ★ 10 年")]
    [InlineData("机*密★10年")]
    [InlineData("机.密★10年")]
    [InlineData("机-密-★-10年")]
    [InlineData("机\u200B密★10年")]
    [InlineData("机　密★１０年")]
    public void Noise_between_characters_does_not_hide_a_marking(string marking)
    {
        string body = $"附件：{marking}，请查收";

        ScanResult result = Engine.Scan(new ScanInput(null, body));

        Finding finding = result.Findings.Should().ContainSingle(f => f.RuleId == "marking-with-period").Subject;
        body.Substring(finding.Start, finding.Length).Should().Be(marking, "the span covers exactly the visible marking");
    }

    [Fact]
    public void A_finding_points_at_the_original_characters_even_after_full_width_text()
    {
        const string Body = "ＡＢＣ，通知如下：秘密★５年。内容……";

        Finding finding = Engine.Scan(new ScanInput(null, Body)).Findings.Should().ContainSingle().Subject;

        Body.Substring(finding.Start, finding.Length).Should().Be("秘密★５年");
    }

    [Theory]
    [InlineData("内部资料", "internal-distribution")]
    [InlineData("内 部 文 件", "internal-distribution")]
    [InlineData("不得外传", "internal-handling")]
    [InlineData("注意保密", "internal-handling")]
    [InlineData("严禁复制", "internal-handling")]
    public void Internal_circulation_phrases_are_found(string phrase, string ruleId)
    {
        Engine.Scan(new ScanInput(null, $"本材料为{phrase}。")).Findings
            .Should().ContainSingle(f => f.RuleId == ruleId)
            .Which.Category.Should().Be(RuleCategories.InternalCirculation);
    }

    [Theory]
    [InlineData("国办发〔2024〕12号")]
    [InlineData("中办发[2023]5号")]
    [InlineData("京政发（2022）第3号")]
    [InlineData("公通字〔2019〕32号")]
    public void Document_numbers_are_found(string number)
    {
        string body = $"根据{number}文件精神";

        Finding finding = Engine.Scan(new ScanInput(null, body)).Findings.Should().ContainSingle().Subject;

        finding.Category.Should().Be(RuleCategories.DocumentNumber);
        body.Substring(finding.Start, finding.Length).Should().EndWith(number[^5..]);
    }

    [Theory]
    [InlineData("TOP SECRET//SI//NOFORN", "banner-control-marking")]
    [InlineData("SECRET//NOFORN", "banner-control-marking")]
    [InlineData("secret // rel to usa, fvey", "banner-control-marking")]
    [InlineData("(TS//SI) The source reported", "banner-portion-marking")]
    [InlineData("Classified By: J. Smith", "banner-authority-block")]
    [InlineData("CONFIDENTIAL", "banner-words")]
    [InlineData("ＣＬＡＳＳＩＦＩＥＤ", "banner-words")]
    public void Foreign_banners_are_found_whatever_the_case(string text, string ruleId)
    {
        Engine.Scan(new ScanInput(null, text)).Findings
            .Should().Contain(f => f.RuleId == ruleId && f.Category == RuleCategories.ForeignBanner);
    }

    [Theory]
    [InlineData("61398部队驻地", "military-unit-designation")]
    [InlineData("关于兵力部署的说明", "military-operations")]
    public void Military_designations_are_found(string text, string ruleId)
    {
        Engine.Scan(new ScanInput(null, text)).Findings
            .Should().ContainSingle(f => f.RuleId == ruleId)
            .Which.Category.Should().Be(RuleCategories.Military);
    }

    [Theory]
    [InlineData("印着“绝密★启用前”的数学卷", "marking-with-period")]
    [InlineData("封面上就一个 机密★ 别的看不清", "marking-level-star")]
    [InlineData("信封上写着“机密 000078 内有 2 页”", "marking-level-attribute")]
    [InlineData("绝密那页我用手机翻拍了", "marking-level-attribute")]
    [InlineData("限处级以上干部阅读。", "restricted-readership")]
    [InlineData("文件上写着此件发至县团级", "restricted-readership")]
    [InlineData("签发人：韩卫东\n这是那份文件的签发单", "document-signoff")]
    [InlineData("今晚 11 点过了一趟军列，平板车上是自行火炮", "military-asset")]
    [InlineData("Pastebin:\nCLASSIFICATION: SECRET\nSUBJ: INTSUM 071", "banner-level-field")]
    [InlineData("Test report, marked SECRET, I was on the eval team.", "banner-level-field")]
    [InlineData("MINUTES\n1. (S) The cell agreed to pre-position two fuel barges.", "banner-portion-marking")]
    [InlineData("Header\nSECRET\nCopy 3 of 12", "banner-line")]
    public void Markings_readerships_and_observations_said_in_passing_are_found(string text, string ruleId)
    {
        Engine.Scan(new ScanInput(null, text)).Findings.Should().Contain(f => f.RuleId == ruleId);
    }

    [Theory]
    [InlineData("SECRET\nSECRET\nSECRET\nHANDLE VIA SPECIAL ACCESS CHANNELS ONLY", "banner-line", 3)]
    [InlineData("MINUTES\n1. (S) Fuel barges.\n2. (S) Two tankers.\n3. (S) Escort.", "banner-portion-marking", 3)]
    [InlineData("关于集体土地征收的公告\nA. 征收范围见附件。\n附件：征收范围公示\nB. 补偿标准", "public-notice-header", 2)]
    [InlineData("XX区人民医院2026年公开招聘\nA. 岗位", "public-notice-header", 1)]
    [InlineData("科室情况\nA. 听说要公开招聘\nB. 名额早就定了", "public-notice-header", 0)]
    public void A_line_rule_reads_every_line_and_a_first_line_rule_only_the_first(string text, string ruleId, int lines)
    {
        // Anchored to line starts and ends rather than taking the line breaks into the match, so one line's break
        // is never used up by the line before it. A recruitment header is public only as the post's first line. (A break
        // between two ideographs is folded away as noise, hence the Latin list letters.)
        Rule rule = RuleSet.LoadDefault().Rules.Single(r => r.Id == ruleId);

        rule.Regex!.Count(TextNormalizer.NormalizeToString(text)).Should().Be(lines);
    }

    [Theory]
    [InlineData("剧本杀《绝密★1949》复盘")]
    [InlineData("“秘密★”是法定密级标志吗")]
    [InlineData("★★★★★ 秘密★★★★ 好评")]
    [InlineData("The NDA says information is confidential whether or not marked confidential.")]
    [InlineData("© 2026\n(C) 2026 Example Ltd. All rights reserved.")]
    public void A_star_rating_a_quoted_star_a_copyright_or_casual_confidential_is_no_marking(string text)
    {
        Engine.Scan(new ScanInput(null, text)).Findings
            .Should().NotContain(f => f.Category == RuleCategories.SecrecyMarking || f.Category == RuleCategories.ForeignBanner && f.Weight >= 0.5);
    }

    [Fact]
    public void A_military_asset_alone_is_news_but_beside_a_movement_it_is_an_observation_to_hold()
    {
        Engine.Scan(new ScanInput(null, "新型驱逐舰的性能参数一览")).Decision.Should().Be(Decision.Publish);

        ScanResult observed = Engine.Scan(new ScanInput(null, "今早 6 点两艘驱逐舰出港了，后面跟着一艘补给舰，往南边去了"));

        observed.Decision.Should().Be(Decision.Hold);
        observed.Findings.Should().Contain(f => f.RuleId == "military-asset" && f.Context != null);
    }

    [Fact]
    public void Every_category_of_the_default_rule_set_has_a_rule_that_fires_above()
    {
        string[] exercised =
        [
            RuleCategories.SecrecyMarking, RuleCategories.DocumentNumber, RuleCategories.InternalCirculation,
            RuleCategories.ForeignBanner, RuleCategories.Military, RuleCategories.MilitaryAsset, RuleCategories.Sharing,
            RuleCategories.SecretSubject, RuleCategories.PublicRelease, RuleCategories.Discussion,
        ];

        RuleSet.LoadDefault().Rules.Select(r => r.Category).Distinct().Should().BeEquivalentTo(exercised);
    }

    [Theory]
    [InlineData("★★★★★ 五星好评，物流很快")]
    [InlineData("外婆的秘密配方，今天分享给大家")]
    [InlineData("精密仪器维修，价格公道")]
    [InlineData("这是商业机密，不能告诉你哈哈")]
    [InlineData("Can you keep a secret? I got the job!")]
    [InlineData("Getting a 500 internal server error on login")]
    [InlineData("我的小秘密★★★")]
    [InlineData("Unclassified, declassified and reclassified files")]
    [InlineData("机 密 码 锁")]
    public void Ordinary_text_is_published_with_score_zero(string body)
    {
        ScanResult result = Engine.Scan(new ScanInput("日常分享", body));

        result.Decision.Should().Be(Decision.Publish);
        result.Score.Should().Be(0);
        result.Findings.Where(f => f.Category != RuleCategories.PublicRelease).Should().BeEmpty("counter-evidence may be reported, nothing else");
    }

    [Theory]
    [InlineData("This recipe is top secret, sorry!")]
    [InlineData("Please keep this confidential between us.")]
    [InlineData("国务院办公厅印发国办发〔2024〕12号通知，全文公开")]
    [InlineData("本书为内部资料，仅供学员复习使用")]
    [InlineData("今晚的作战计划：先吃火锅再看电影")]
    public void A_weak_signal_alone_is_published(string body)
    {
        ScanResult result = Engine.Scan(new ScanInput(null, body));

        result.Findings.Should().NotBeEmpty();
        result.Decision.Should().Be(Decision.Publish);
        result.Score.Should().BeLessThan(DecisionThresholds.Default.Hold);
    }
}
