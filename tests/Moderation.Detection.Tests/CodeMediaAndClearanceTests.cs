namespace Moderation.Detection.Tests;

/// <summary>
/// Rule set 2026.12-11 and later: a level that appears in code, configuration or logs is a value, not a paper's
/// marking (<c>discussion-code-shown</c>); a film, a show or a game being made is play
/// (<c>discussion-fiction-game</c>); a clearance is said of a person or a job advert
/// (<c>discussion-clearance-job</c>); papers released through an archive or a records request are
/// public (<c>public-release-statement</c>); the three Chinese levels listed together, with the law's
/// periods or without, are a lesson (<c>discussion-format-example</c>). Each lawful post is paired
/// with a leak in the same shape that must keep its action. Asked to keep quiet in one's own words
/// (<c>internal-hush-said</c>: 先别声张, 别发朋友圈, you didn't hear it from me) weighs nothing alone and
/// holds beside a secret subject, a unit or a marking.
/// </summary>
public sealed class CodeMediaAndClearanceTests
{
    private static string Explain(ScanResult result) => DefaultEngine.Explain(result);

    /// <summary>Whether a finding of the kind is there, and whether the post is published.</summary>
    private static void Expect(string body, Func<Finding, bool> finding, bool found, bool published)
    {
        ScanResult result = DefaultEngine.Scan(body);

        result.Findings.Any(finding).Should().Be(found, Explain(result));
        (result.Decision == Decision.Publish).Should().Be(published, Explain(result));
    }

    [Theory]
    [InlineData("metadata for each table in our warehouse:\n\n```yaml\ntable: crm_contacts\nclassification: CONFIDENTIAL\nretention: 7y\n```\nhow do I make the linter require the field?")]
    [InlineData("audit service log, every doc gets a label:\n\n09:41:07.552 INFO  labeler doc=771 marked as SECRET by rule kw-12\n09:41:07.553 INFO  labeler doc=772 marked as PUBLIC\n\nwant a daily count per label in Grafana")]
    [InlineData("Go question:\n\nconst (\n\tOPEN = iota\n\tRESTRICTED\n\tSECRET\n)\n\nwhy does my switch never reach SECRET? the value comes in as a string from JSON")]
    [InlineData("every source file starts with\n\n(c) Harbor Instruments Ltd. All rights reserved.\n\nand the formatter keeps moving it below the imports")]
    [InlineData("our redaction tool's test fixtures are fake memos stamped TOP SECRET; a new hire saw them in standup and thought we had a leak")]
    [InlineData("元数据样例：\n\nschema: dw_finance\nclassification: SECRET\n\n审计要求每张表都有这个字段，漏填就阻断发布")]
    public void A_level_shown_in_code_configuration_or_logs_is_a_value_not_a_marking(string body)
    {
        Expect(body, f => f.RuleId == "discussion-code-shown", found: true, published: true);
    }

    [Theory]
    [InlineData("Classification: SECRET\nthe second battalion moves to the northern airfield on the 9th, I photographed the page")]
    [InlineData("TOP SECRET//NOFORN\nforwarding the pdf: the carrier group sails for the strait on the 3rd, radar dark")]
    [InlineData("机密★10年\n关于北山雷达站值班调整的通知，请各单位本月底前落实，我拍了原件")]
    [InlineData("Warning guys, stamped SECRET: the battalion ships out on the 9th and our unit tests the new jammers at the range first")]
    [InlineData("info on the move, header says SECRET: 2nd brigade leaves for the coast on the 14th, I have the scan")]
    public void A_leak_without_code_keeps_its_action(string body)
    {
        Expect(body, f => f.RuleId == "discussion-code-shown", found: false, published: false);
    }

    [Theory]
    [InlineData("昨晚看的电影，主角是个档案员，偷偷复印了一份机密文件交给报社，结尾反转挺好", "discussion-fiction-game")]
    [InlineData("这部剧第8集女主角在档案室翻出当年的绝密档案，弹幕全在哭", "discussion-fiction-game")]
    [InlineData("Design doc for my game: NPCs hand the player folders stamped SECRET and CONFIDENTIAL to sort before the boss returns", "discussion-fiction-game")]
    [InlineData("Recruiting: RF test engineer, onsite in Huntsville, must obtain and maintain a SECRET clearance, DM me for the full posting", "discussion-clearance-job")]
    [InlineData("Spent the afternoon at the National Archives reading room with a 1957 cabinet paper marked TOP SECRET about the canal", "public-release-statement")]
    [InlineData("My FOIA request came back: 1970s file on my grandfather's union, pages stamped CONFIDENTIAL, names blacked out", "public-release-statement")]
    [InlineData("公基笔记：密级分绝密、机密、秘密三级，绝密不超过三十年，机密二十年，秘密十年", "discussion-format-example")]
    public void Films_games_clearances_archives_and_lessons_are_counter_evidence(string body, string ruleId)
    {
        Expect(body, f => f.RuleId == ruleId, found: true, published: true);
    }

    [Theory]
    [InlineData("我这有：秘密级500一份，机密级2000一份，绝密的面议，要的私我")]
    [InlineData("刚从机要室拍的，右上角印着“机密”，讲的是下月在我们县新建导弹旅营区")]
    [InlineData("stamped SECRET, I've got the scan: the embassy pulls all non-essential staff by Friday, not announced yet")]
    public void Leaks_that_name_levels_in_passing_keep_their_action(string body)
    {
        Expect(body, f => f.Category == RuleCategories.Discussion || f.Category == RuleCategories.PublicRelease, found: false, published: false);
    }

    [Theory]
    [InlineData("刚散会，局里定了明年下属单位编制砍两成，人事调整名单下周才出，你先别声张")]
    [InlineData("我表哥他们旅下周三晚上开拔，往北边拉，别发朋友圈啊")]
    [InlineData("ops report has the real casualty count at 212, the ministry will say 40 tomorrow. you didn't hear it from me")]
    public void Asked_to_keep_quiet_beside_a_secret_subject_or_a_unit_is_held(string body)
    {
        Expect(body, f => f.RuleId == "internal-hush-said" && f.Weight > 0.5, found: true, published: false);
    }

    [Theory]
    [InlineData("下个月给老妈过六十大寿，我们偷偷订了她最想去的那家酒楼，你先别声张")]
    [InlineData("我怀孕了！才八周，先别发朋友圈哈，等三个月稳定了再说")]
    [InlineData("Sarah got the promotion, it's announced Monday, you didn't hear it from me")]
    public void Asked_to_keep_quiet_about_everyday_news_is_published(string body)
    {
        Expect(body, f => f.RuleId == "internal-hush-said" && f.Weight < 0.1, found: true, published: true);
    }
}
