using Moderation.Detection;

namespace Moderation.Detection.Tests;

/// <summary>
/// Rule set 2026.12-9: a unit's movement told with its date, grid references and radio nets, a level
/// printed as a document's header, secret subjects named in English, decisions told before their
/// notice, and counter-evidence for office templates and hobby groups. Each rule is paired with a
/// lawful post that uses the same words.
/// </summary>
public sealed class DeploymentHeaderAndSubjectTests
{
    private static readonly DetectionEngine Engine = DefaultEngine.Engine;

    private static string Explain(ScanResult result) => DefaultEngine.Explain(result);

    private static ScanResult Fires(string body, string ruleId)
    {
        ScanResult result = Engine.Scan(new ScanInput(null, body));

        result.Findings.Should().Contain(f => f.RuleId == ruleId, Explain(result));
        return result;
    }

    private static void FiresAndHolds(string body, string ruleId)
    {
        ScanResult result = Engine.Scan(new ScanInput(null, body));

        result.Findings.Should().Contain(f => f.RuleId == ruleId, Explain(result));
        result.Decision.Should().NotBe(Decision.Publish, Explain(result));
    }

    private static void IsPublished(string body, string ruleId, bool fires)
    {
        ScanResult result = Engine.Scan(new ScanInput(null, body));

        if (fires)
        {
            result.Findings.Should().Contain(f => f.RuleId == ruleId, Explain(result));
        }
        else
        {
            result.Findings.Should().NotContain(f => f.RuleId == ruleId, Explain(result));
        }

        result.Decision.Should().Be(Decision.Publish, Explain(result));
    }

    [Theory]
    [InlineData("听我侄子说，他们营下周二凌晨从营房出发，开到南边海岛驻训三个月", "military-movement-schedule", false)]
    [InlineData("明晚十点左右，某装甲旅先头分队要过青龙江大桥，路会封", "military-movement-schedule", false)]
    [InlineData("3月9日 06:00，二营自驻地开拔，向北机动两百公里", "military-movement-schedule", false)]
    [InlineData("群里发的，我们旅下月5号拉到戈壁驻训，别问我咋知道", "military-movement-schedule", true)]
    [InlineData("heard from a guy in supply that the whole battalion ships out on the 12th, they packed the trucks already", "military-movement-schedule-english", false)]
    [InlineData("the two destroyers are leaving tomorrow night for the strait, crew got told an hour ago", "military-movement-schedule-english", false)]
    [InlineData("各排集合点改在 51RTQ 1234 5678，天黑前到", "military-grid-or-net", false)]
    [InlineData("指挥网主用 43.575，备用 47.200，今晚换", "military-grid-or-net", false)]
    [InlineData("本周呼号：营部叫“松涛”，侦察连叫“飞燕”", "military-grid-or-net", false)]
    [InlineData("绝密 特急\n某某厅关于调整储备粮轮换计划的请示", "marking-header-level", true)]
    [InlineData("封面只有几个字：秘密 第12份 共20份", "marking-header-level", true)]
    [InlineData("市府办〔2026〕第4期 机密\n关于征地补偿标准的内部测算", "marking-header-level", true)]
    [InlineData("加急 机密 某部办公室明传电报，事由是边境口岸临时关闭", "marking-header-level", true)]
    [InlineData("internal use only: the patrol schedules for the east fence change on Monday", "secret-subject-english", true)]
    [InlineData("do not distribute, the force numbers in the annex are lower than what the minister said", "secret-subject-english", true)]
    public void A_leak_of_the_rules_class_is_found_and_if_so_marked_held(string body, string ruleId, bool held)
    {
        if (held)
        {
            FiresAndHolds(body, ruleId);
        }
        else
        {
            Fires(body, ruleId);
        }
    }

    [Theory]
    [InlineData("我们团明天早上七点出发去黄山，照片晚上发群里", "military-movement-schedule", false)]
    [InlineData("全团周六8点集合出发，导游会在门口举小旗，记得拍照", "military-movement-schedule", false)]
    [InlineData("据报道，某旅近日开赴高原，开展为期一个月的适应性训练", "military-movement-schedule", false)]
    [InlineData("防汛指挥部通知：沿河住户请于今晚8点前转移到安置点", "military-movement-schedule", false)]
    [InlineData("our company is moving to a new office next month, the IT unit goes first", "military-movement-schedule-english", false)]
    [InlineData("The ship left port in 1912 and sank four days later", "military-movement-schedule-english", false)]
    [InlineData("my unit tests are moving slowly, will push them tomorrow", "military-movement-schedule-english", false)]
    [InlineData("车牌尾号 5678 的车主请挪车，电话 138 1234 5678", "military-grid-or-net", false)]
    [InlineData("今晚收音机调到 97.4 听交通台，路况播报很准", "military-grid-or-net", false)]
    [InlineData("营地坐标 30.6128N, 114.2471E，公开地图上就有", "military-grid-or-net", false)]
    [InlineData("这家店的机密配方是加了一勺猪油，第3份半价", "marking-header-level", false)]
    [InlineData("今天快递加急送到了，里面是我的秘密武器：新键盘", "marking-header-level", false)]
    [InlineData("保密法规定国家秘密分为绝密、机密、秘密三级", "marking-header-level", false)]
    [InlineData("Our brigade of volunteers cleaned the beach, answer key for the kids' quiz is on the back", "secret-subject-english", true)]
    [InlineData("The history exam questions were about regiments in the Napoleonic wars", "secret-subject-english", true)]
    [InlineData("我们组的周报模板页脚自带“内部资料 请勿外传”，内容其实就是写了几个接口", "discussion-template-group", true)]
    [InlineData("钓友群内部消息：水库北边的草鱼这周特别好钓，别外传啊", "discussion-template-group", true)]
    [InlineData("every email here has a footer 'internal only - do not distribute', even the lunch menu", "discussion-template-group", true)]
    [InlineData("海军节那天驱逐舰对公众开放，排队登舰参观了一小时，官方组织的，随便拍", "public-military-venue", true)]
    [InlineData("周末带娃去了军事博物馆，坦克和导弹展区最受欢迎", "public-military-venue", true)]
    [InlineData("【绝密】烘焙店不会告诉你的小窍门：黄油要室温软化再打发", "discussion-recipe-tip", true)]
    [InlineData("机密级口感！新到的单丛茶，老客户内部价，私聊", "discussion-recipe-tip", true)]
    public void A_lawful_post_with_the_same_words_is_published(string body, string ruleId, bool fires) =>
        IsPublished(body, ruleId, fires);

    [Fact]
    public void A_decision_told_before_its_notice_raises_an_internal_phrase()
    {
        ScanResult leak = Engine.Scan(new ScanInput(null, "内部会上定的，公示还没出：下个月起全区事业单位绩效压减两成"));
        ScanResult lawful = Engine.Scan(new ScanInput(null, "成绩公示还没出，下个月再看吧"));

        leak.Findings.Should().Contain(f => f.RuleId == "secret-subject-pending");
        leak.Decision.Should().NotBe(Decision.Publish, Explain(leak));
        lawful.Decision.Should().Be(Decision.Publish, Explain(lawful));
    }

    // Counter-evidence discounts what a lawful post shares with a leak; a marking is spared by the
    // public-release discount, and a discussion hit keeps the post from removal, not from a hold.
    [Theory]
    [InlineData("机密★10年 用的是周报模板页脚那种格式：明年征地补偿标准下调三成，内部资料", "discussion-template-group")]
    [InlineData("机密★10年 航展前一周的转场计划：两个团的飞机分三批落地", "public-military-venue")]
    [InlineData("机密★5年 所里新推进剂的配比和秘诀都在附件里", "discussion-recipe-tip")]
    public void A_marking_beside_counter_evidence_is_still_held(string body, string ruleId) =>
        Fires(body, ruleId).Decision.Should().Be(Decision.Hold);
}
