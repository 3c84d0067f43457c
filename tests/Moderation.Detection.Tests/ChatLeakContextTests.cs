using Moderation.Detection;

namespace Moderation.Detection.Tests;

/// <summary>
/// Leaks told in chat rather than copied with their header: what is being shared, how it is marked, or
/// what an internal paper says. Each rule is weak alone and holds only beside another kind of evidence,
/// so every case here pairs a leak of the rule's class with a lawful post that uses the same words.
/// </summary>
public sealed class ChatLeakContextTests
{
    private static readonly DetectionEngine Engine = DetectionEngine.CreateDefault();

    [Theory]
    [InlineData("局里内部测算的结果出来了：明年全县财政缺口还有四个亿，还没公开", "internal-named-document")]
    [InlineData("开会说了不许往外讲：下周起城北三个小区要封控，名单还没公布", "internal-handling-said")]
    [InlineData("刚截图发你了，右上角印着“机密”，讲的是明年撤并乡镇的方案", "marking-level-quoted")]
    [InlineData("S//NF slide deck from the brief, pages 4 to 9, ask if you want them", "banner-portion-bare")]
    [InlineData("RESTRICTED — NOT FOR CIRCULATION\nThe depot move to the northern base is set for 3 March.", "banner-line-caveat")]
    [InlineData("Fwd: DO NOT DISTRIBUTE — CONFIDENTIAL. Our fallback position for the border talks is on page 2.", "banner-line-caveat")]
    [InlineData("the cable itself says '(S) the consulate will close its visa section on the 4th'", "banner-portion-bare")]
    [InlineData("anyone want the TS annex? 40 pages, dm me", "classified-copy-named")]
    [InlineData("那份机密件里写了，下个月要调两个营去边境", "sharing-content-report")]
    [InlineData("内部通报，对外说是两人受伤，实际死亡五人", "secret-subject-unreleased")]
    public void A_chat_leak_of_the_rules_class_is_held(string body, string ruleId)
    {
        ScanResult result = Engine.Scan(new ScanInput(null, body));

        result.Findings.Should().Contain(f => f.RuleId == ruleId);
        result.Decision.Should().NotBe(Decision.Publish, string.Join("; ", result.Findings.Select(f => $"{f.RuleId} {f.Weight}")));
    }

    [Theory]
    [InlineData("公司内部会议改到周四下午，记得带电脑")]
    [InlineData("我们宿舍的暗号不许往外说，被隔壁听到就没意思了")]
    [InlineData("演习期间该海域不对外开放，请过往船只注意避让")]
    [InlineData("研究报告显示，邻国在边境新建了两处导弹阵地")]
    [InlineData("保密法把国家秘密分为“绝密”“机密”“秘密”三级，考试常考")]
    [InlineData("(U//FOUO) my cat knocked the plant off the table again, that is all my clearance covers")]
    [InlineData("Restricted parking - permit holders only after 6pm")]
    [InlineData("kind: Secret\nmetadata:\n  name: app-secret\nwhy is my secret not mounted?")]
    [InlineData("Quiz time, pick one: (c) none of the above")]
    [InlineData("Our security course showed the format, for example '(S) the canteen opens at noon' for a secret paragraph")]
    [InlineData("which TS version are you on? anyone have the 5.4 release notes")]
    [InlineData("学校通知里写了，明天停课一天，大家转告一下")]
    [InlineData("成绩还没公布，大家别急，实际出分要等下周")]
    public void A_lawful_post_with_the_same_words_is_published(string body)
    {
        ScanResult result = Engine.Scan(new ScanInput(null, body));

        result.Decision.Should().Be(Decision.Publish, string.Join("; ", result.Findings.Select(f => $"{f.RuleId} {f.Weight}")));
    }

    [Fact]
    public void An_internal_phrase_and_a_handling_instruction_of_an_office_footer_stay_published()
    {
        // A handling instruction said in one's own words weighs less than the set phrases: company handbooks
        // print 内部文件 请勿外泄 on every page, and only a secret subject or a marking beside it tells a leak.
        ScanResult footer = Engine.Scan(new ScanInput(null, "新系统的操作说明发下来了，页眉还是“内部文件 请勿外泄”"));
        ScanResult leak = Engine.Scan(new ScanInput(null, "内部文件 请勿外泄：今年的真实数字比公开的少了一半"));

        footer.Decision.Should().Be(Decision.Publish);
        leak.Decision.Should().NotBe(Decision.Publish);
        leak.Findings.Should().Contain(f => f.RuleId == "secret-subject-unreleased");
    }
}
