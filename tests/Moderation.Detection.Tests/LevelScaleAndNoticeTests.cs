using Moderation.Detection.Normalization;
using Moderation.Detection;

namespace Moderation.Detection.Tests;

/// <summary>
/// Rule set 2026.12-10: the classification levels listed as a scale (an enum, a game's tiers, a
/// lesson), escape rooms, CTF write-ups and museums are counter-evidence, and a line that says a
/// notice is not out yet (还没公示, 下周才公告) is not a public notice's header, and 永久 after a
/// level's star is no period the law allows. Each change is paired with a leak that must keep its action.
/// </summary>
public sealed class LevelScaleAndNoticeTests
{
    private static string Explain(ScanResult result) => DefaultEngine.Explain(result);

    private static ScanResult Scan(string body) => DefaultEngine.Scan(body);

    [Theory]
    [InlineData("```python\nclass Level(Enum):\n    PUBLIC = 0\n    CONFIDENTIAL = 1\n    SECRET = 2\n    TOP_SECRET = 3\n```\nhow do I compare these?", true)]
    [InlineData("research tiers in my strategy game: Open, Restricted, Secret, Top Secret; each unlocks new factories", true)]
    [InlineData("the save file stores the access level as a byte: 0 civilian, 1 restricted, 2 secret, 3 top secret", true)]
    [InlineData("enum Clearance { UNCLASSIFIED, CONFIDENTIAL, SECRET, TOP_SECRET } // forwarding the pdf of the spec to the team", true)]
    [InlineData("TOP SECRET//NOFORN\nthe second battalion moves to the northern airfield on the 9th, photographed the page for you", false)]
    [InlineData("forwarding the pdf, it's stamped SECRET: the embassy cuts staff to essential only by Friday", false)]
    public void Levels_listed_as_a_scale_are_counter_evidence_and_a_leak_s_single_level_is_not(string body, bool scale)
    {
        ScanResult result = Scan(body);

        result.Findings.Any(f => f.RuleId == "discussion-format-example").Should().Be(scale, Explain(result));
        (result.Decision == Decision.Publish).Should().Be(scale, Explain(result));
    }

    [Theory]
    [InlineData("Did the 'Agent 00' escape room downtown: you get a dossier stamped TOP SECRET and 60 minutes to find the mole", "discussion-fiction-game")]
    [InlineData("CTF writeup: the flag was in an HTTP header, flag{n0t_s0_s3cr3t}, an easy 100 points", "discussion-fiction-game")]
    [InlineData("Went to the war museum: the staff passes on display are marked 'SECRET' and the code room is kept as it was", "public-military-venue")]
    public void Games_and_museums_are_counter_evidence(string body, string ruleId)
    {
        ScanResult result = Scan(body);

        result.Findings.Should().Contain(f => f.RuleId == ruleId, Explain(result));
        result.Decision.Should().Be(Decision.Publish, Explain(result));
    }

    [Theory]
    [InlineData("标了秘密的那份会议记录我拍了，老城区要划棚改，补偿每平米八千，还没公示")]
    [InlineData("内部名单出来了，先透露几个：宣传部副部长去文旅局，下周才公示")]
    [InlineData("机密件里写了，开发区要撤两个街道，文件下月才公告")]
    public void A_notice_not_out_yet_is_no_notice_header(string body)
    {
        ScanResult result = Scan(body);

        result.Findings.Should().NotContain(f => f.RuleId == "public-notice-header", Explain(result));
    }

    [Theory]
    [InlineData("关于2026年度县直机关公开遴选公务员拟录用人员的公示\nA. 经笔试、面试、考察，现予公示。", 1)]
    [InlineData("公告\nA. 本小区定于周六上午停水，请提前储水。", 1)]
    [InlineData("市自然资源局关于西城片区控制性详细规划修编的公告", 1)]
    [InlineData("关于调整部分公交线路的通告\nA. 自下月起调整。\n附件：线路走向公示", 2)]
    [InlineData("干部调整名单定了，下周才公示", 0)]
    [InlineData("听说棚改补偿每平米八千，还没公示", 0)]
    [InlineData("拟录用名单暂未公告", 0)]
    public void A_notice_header_still_counts_and_a_notice_not_out_yet_does_not(string text, int lines)
    {
        // A break between two ideographs is folded away as noise, hence the Latin list letters.
        Rule rule = RuleSet.LoadDefault().Rules.Single(r => r.Id == "public-notice-header");

        rule.Regex!.Count(TextNormalizer.NormalizeToString(text)).Should().Be(lines);
    }

    [Theory]
    [InlineData("我女儿的作文本封面写着“绝密★永久”，里面是她给小狗起的十个名字", false)]
    [InlineData("拍了一页，抬头机密★，后面的期限被订书钉挡住了，写的是下月的换防安排", true)]
    public void Forever_after_the_star_is_no_marking(string body, bool fires)
    {
        ScanResult result = Scan(body);

        if (fires)
        {
            result.Findings.Should().Contain(f => f.RuleId == "marking-level-star", Explain(result));
            result.Decision.Should().NotBe(Decision.Publish, Explain(result));
        }
        else
        {
            result.Findings.Should().NotContain(f => f.RuleId == "marking-level-star", Explain(result));
            result.Decision.Should().Be(Decision.Publish, Explain(result));
        }
    }
}
