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
    private static readonly DetectionEngine Engine = DetectionEngine.CreateDefault();

    private static string Explain(ScanResult result) =>
        string.Join("; ", result.Findings.Select(f => $"{f.RuleId} {f.Weight}"));

    [Theory]
    [InlineData("听我侄子说，他们营下周二凌晨从营房出发，开到南边海岛驻训三个月")]
    [InlineData("明晚十点左右，某装甲旅先头分队要过青龙江大桥，路会封")]
    [InlineData("3月9日 06:00，二营自驻地开拔，向北机动两百公里")]
    public void A_units_dated_movement_is_found(string body)
    {
        ScanResult result = Engine.Scan(new ScanInput(null, body));

        result.Findings.Should().Contain(f => f.RuleId == "military-movement-schedule", Explain(result));
        result.Findings.Should().Contain(f => f.RuleId == "military-movement-schedule" && f.Weight >= 0.44);
    }

    [Fact]
    public void A_units_dated_movement_beside_sharing_is_held()
    {
        ScanResult result = Engine.Scan(new ScanInput(null, "群里发的，我们旅下月5号拉到戈壁驻训，别问我咋知道"));

        result.Findings.Should().Contain(f => f.RuleId == "military-movement-schedule");
        result.Decision.Should().NotBe(Decision.Publish, Explain(result));
    }

    [Theory]
    [InlineData("我们团明天早上七点出发去黄山，照片晚上发群里")]
    [InlineData("全团周六8点集合出发，导游会在门口举小旗，记得拍照")]
    [InlineData("据报道，某旅近日开赴高原，开展为期一个月的适应性训练")]
    [InlineData("防汛指挥部通知：沿河住户请于今晚8点前转移到安置点")]
    public void A_tour_group_news_of_a_past_exercise_or_an_evacuation_is_no_dated_movement(string body)
    {
        ScanResult result = Engine.Scan(new ScanInput(null, body));

        result.Findings.Should().NotContain(f => f.RuleId == "military-movement-schedule");
        result.Decision.Should().Be(Decision.Publish, Explain(result));
    }

    [Theory]
    [InlineData("heard from a guy in supply that the whole battalion ships out on the 12th, they packed the trucks already")]
    [InlineData("the two destroyers are leaving tomorrow night for the strait, crew got told an hour ago")]
    public void A_units_dated_movement_in_english_is_found(string body)
    {
        ScanResult result = Engine.Scan(new ScanInput(null, body));

        result.Findings.Should().Contain(f => f.RuleId == "military-movement-schedule-english", Explain(result));
    }

    [Theory]
    [InlineData("our company is moving to a new office next month, the IT unit goes first")]
    [InlineData("The ship left port in 1912 and sank four days later")]
    [InlineData("my unit tests are moving slowly, will push them tomorrow")]
    public void An_office_move_history_or_unit_tests_are_no_dated_movement(string body)
    {
        ScanResult result = Engine.Scan(new ScanInput(null, body));

        result.Findings.Should().NotContain(f => f.RuleId == "military-movement-schedule-english");
        result.Decision.Should().Be(Decision.Publish, Explain(result));
    }

    [Theory]
    [InlineData("各排集合点改在 51RTQ 1234 5678，天黑前到")]
    [InlineData("指挥网主用 43.575，备用 47.200，今晚换")]
    [InlineData("本周呼号：营部叫“松涛”，侦察连叫“飞燕”")]
    public void A_grid_reference_or_a_radio_net_is_found(string body)
    {
        ScanResult result = Engine.Scan(new ScanInput(null, body));

        result.Findings.Should().Contain(f => f.RuleId == "military-grid-or-net", Explain(result));
    }

    [Theory]
    [InlineData("车牌尾号 5678 的车主请挪车，电话 138 1234 5678")]
    [InlineData("今晚收音机调到 97.4 听交通台，路况播报很准")]
    [InlineData("营地坐标 30.6128N, 114.2471E，公开地图上就有")]
    public void A_number_plate_a_radio_station_or_a_campsite_is_no_grid_or_net(string body)
    {
        ScanResult result = Engine.Scan(new ScanInput(null, body));

        result.Findings.Should().NotContain(f => f.RuleId == "military-grid-or-net");
        result.Decision.Should().Be(Decision.Publish, Explain(result));
    }

    [Theory]
    [InlineData("绝密 特急\n某某厅关于调整储备粮轮换计划的请示")]
    [InlineData("封面只有几个字：秘密 第12份 共20份")]
    [InlineData("市府办〔2026〕第4期 机密\n关于征地补偿标准的内部测算")]
    [InlineData("加急 机密 某部办公室明传电报，事由是边境口岸临时关闭")]
    public void A_level_printed_as_a_header_is_held(string body)
    {
        ScanResult result = Engine.Scan(new ScanInput(null, body));

        result.Findings.Should().Contain(f => f.RuleId == "marking-header-level", Explain(result));
        result.Decision.Should().NotBe(Decision.Publish, Explain(result));
    }

    [Theory]
    [InlineData("这家店的机密配方是加了一勺猪油，第3份半价")]
    [InlineData("今天快递加急送到了，里面是我的秘密武器：新键盘")]
    [InlineData("保密法规定国家秘密分为绝密、机密、秘密三级")]
    public void A_level_word_in_ordinary_text_is_no_header(string body)
    {
        ScanResult result = Engine.Scan(new ScanInput(null, body));

        result.Findings.Should().NotContain(f => f.RuleId == "marking-header-level");
        result.Decision.Should().Be(Decision.Publish, Explain(result));
    }

    [Theory]
    [InlineData("internal use only: the patrol schedules for the east fence change on Monday")]
    [InlineData("do not distribute, the force numbers in the annex are lower than what the minister said")]
    public void An_english_secret_subject_raises_a_handling_phrase_to_a_hold(string body)
    {
        ScanResult result = Engine.Scan(new ScanInput(null, body));

        result.Findings.Should().Contain(f => f.RuleId == "secret-subject-english");
        result.Decision.Should().NotBe(Decision.Publish, Explain(result));
    }

    [Theory]
    [InlineData("Our brigade of volunteers cleaned the beach, answer key for the kids' quiz is on the back")]
    [InlineData("The history exam questions were about regiments in the Napoleonic wars")]
    public void An_english_secret_subject_alone_is_published(string body)
    {
        ScanResult result = Engine.Scan(new ScanInput(null, body));

        result.Findings.Should().Contain(f => f.RuleId == "secret-subject-english");
        result.Decision.Should().Be(Decision.Publish, Explain(result));
    }

    [Fact]
    public void A_decision_told_before_its_notice_raises_an_internal_phrase()
    {
        ScanResult leak = Engine.Scan(new ScanInput(null, "内部会上定的，公示还没出：下个月起全区事业单位绩效压减两成"));
        ScanResult lawful = Engine.Scan(new ScanInput(null, "成绩公示还没出，下个月再看吧"));

        leak.Findings.Should().Contain(f => f.RuleId == "secret-subject-pending");
        leak.Decision.Should().NotBe(Decision.Publish, Explain(leak));
        lawful.Decision.Should().Be(Decision.Publish, Explain(lawful));
    }

    [Theory]
    [InlineData("我们组的周报模板页脚自带“内部资料 请勿外传”，内容其实就是写了几个接口")]
    [InlineData("钓友群内部消息：水库北边的草鱼这周特别好钓，别外传啊")]
    [InlineData("every email here has a footer 'internal only - do not distribute', even the lunch menu")]
    public void An_office_template_or_a_hobby_groups_internal_note_is_published(string body)
    {
        ScanResult result = Engine.Scan(new ScanInput(null, body));

        result.Findings.Should().Contain(f => f.RuleId == "discussion-template-group");
        result.Decision.Should().Be(Decision.Publish, Explain(result));
    }

    [Fact]
    public void A_marked_leak_that_mentions_a_template_is_not_removed_but_still_held()
    {
        ScanResult result = Engine.Scan(new ScanInput(null, "机密★10年 用的是周报模板页脚那种格式：明年征地补偿标准下调三成，内部资料"));

        result.Findings.Should().Contain(f => f.RuleId == "discussion-template-group");
        result.Decision.Should().Be(Decision.Hold, Explain(result));
    }
}
