namespace Moderation.Detection.Tests;

/// <summary>
/// Rule set 2026.12-13. An exam paper's "绝密★启用前" talked about after the exam was sat (今天考完了,
/// 数学考完, 考试结束了, 讲评试卷, 估分, 历年真题) is a spent marking (<c>discussion-exam-over</c>); the same
/// marking on a paper passed on before the exam is still a leak. A government office meeting
/// (局长办公会, 市长办公会) is no gamers' guild: <c>discussion-workplace-school</c> no longer reads the
/// 公会 inside 办公会 as one, while a guild's own "internal" chat stays counter-evidence. A decision
/// relayed from a 局务会, 办公会 or 党委会, or a 纪委 case, is a secret subject
/// (<c>secret-subject</c>), and more ways of asking to keep quiet in chat (就你我知道, 不许提前说,
/// 别在群里聊, Cantonese 唔好同人讲, you did not hear this from me) join <c>internal-hush-said</c>: the two
/// together hold a chat line; either alone, or a hush among friends, weighs nothing.
/// </summary>
public sealed class ExamOverAndOfficeMeetingTests
{
    /// <summary>Whether the rule's finding is there (null: not checked), and whether the post is published.</summary>
    private static void Expect(string body, string? ruleId, bool found, bool published)
    {
        ScanResult result = DefaultEngine.Scan(body);
        string why = DefaultEngine.Explain(result);

        if (ruleId is not null)
        {
            result.Findings.Any(f => f.RuleId == ruleId).Should().Be(found, why);
        }

        (result.Decision == Decision.Publish).Should().Be(published, why);
    }

    [Theory]
    [InlineData("今天高考数学考完了，卷子左上角印的“绝密★启用前”，我们班好几个人说看到这几个字手就开始抖，最后一道导数真的难", true)]
    [InlineData("期中考试结束后数学老师讲评试卷，卷头那行“机密★考试结束前”我一直没看懂，老师说就是考前不能外泄的意思", true)]
    [InlineData("整理了近五年历年真题PDF，封面都是“绝密★启用前”，需要的评论区扣1我私发", true)]
    [InlineData("考完之后对答案发现选择题错了三道，卷子上那个绝密★启用前现在看着好讽刺", true)]
    [InlineData("明天上午考数学，卷子我已经拿到了，封面印着绝密★启用前，一共六道大题，要的私聊", false)]
    [InlineData("绝密★启用前\n2027年普通高等学校招生全国统一考试 数学 试题卷 已扫描，考前发群里", false)]
    [InlineData("考完了再说？不行，今晚就把绝密★启用前那套卷子拍给你，明早八点开考", false)]
    public void An_exam_marking_after_the_exam_is_published_and_before_it_is_held(string body, bool examOver) =>
        Expect(body, "discussion-exam-over", found: examOver, published: examOver);

    [Theory]
    [InlineData("传下去：下个月工资晚发，财政没钱，局长办公会定的，正式通知不会发。文件标着内部资料 不得外传，我拍了", false)]
    [InlineData("市长办公会纪要（内部资料 注意保存）：老城区征收补偿按评估价上浮一成，红线图下周才挂网，我复印了一份", null)]
    public void An_office_meeting_is_not_a_gamers_guild(string body, bool? published)
    {
        ScanResult result = DefaultEngine.Scan(body);

        result.Findings.Should().NotContain(f => f.RuleId == "discussion-workplace-school", DefaultEngine.Explain(result));
        if (published is bool expected)
        {
            (result.Decision == Decision.Publish).Should().Be(expected, DefaultEngine.Explain(result));
        }
    }

    [Fact]
    public void A_guilds_own_internal_news_is_still_counter_evidence() =>
        Expect("我们公会今晚打团，九点集合，副本攻略是内部资料，别外传给对面公会", "discussion-workplace-school", found: true, published: true);

    [Theory]
    [InlineData("刚出局务会，明年三月前撤并四个所，人员就地消化，这事就你我知道", true)]
    [InlineData("我哋今朝開咗黨委會，下個月合併三個科，名單已經整好，你唔好同人講住", true)]
    [InlineData("纪委明天上午去人民医院带走两个副院长，不许提前说，我是看了安排才知道的", true)]
    [InlineData("the 纪委 team lands tomorrow and two deputy directors get taken in, you did not hear this from me", true)]
    [InlineData("周六给老王过五十大寿，地方就你我知道，别在群里聊，给他个惊喜", false)]
    [InlineData("局务会开了一上午，中午食堂的红烧肉没了，下午还得写会议简报", false)]
    public void A_relayed_decision_with_a_hush_is_held_and_either_alone_is_not(string body, bool held) =>
        Expect(body, held ? "internal-hush-said" : null, found: held, published: !held);
}
