using Moderation.Detection.Fingerprints;

namespace Moderation.Detection.Tests.Fingerprints;

public sealed class SimHashTests
{
    private static readonly FingerprintScheme Scheme = FingerprintScheme.FromSecret("test-secret");

    // A confirmed post (a leak that was removed), registered by its fingerprint.
    private const string Confirmed = """
        内部通报：下周二起北岭试验场东区三号阵地封闭施工，所有参试车辆改走北门，夜间统一通行，沿途不得停靠非指定地点。
        试验数据当日封存，两人签字后交办公室保管，严禁拍照外传。各组组长务必传达到每一名参试人员，请假一律报指挥组审批。
        气象组自本周五起进入加密观测，每三小时上报一次风速和能见度；测控组须在周一前完成全部设备的联调和备份检查。
        对外一律说是常规检修，不得透露试验名称、批次和参数。如遇当地群众询问，请礼貌解释并及时向安全组报告。
        试验期间食堂延长供餐时间，宿舍区晚上十一点熄灯，无关人员不得进入阵地。以上事项请各组认真落实，有问题及时反映。
        """;

    private static FingerprintIndex Index() => FingerprintIndex.Empty(Scheme).With(Scheme.Compute("confirmed-1", null, Confirmed));

    [Fact]
    public void A_repost_with_a_few_characters_changed_and_a_line_added_is_a_near_duplicate()
    {
        string repost = "转发一下，大家小心：\n" + Confirmed.Replace("下周二", "下周三", StringComparison.Ordinal).Replace("北门", "西门", StringComparison.Ordinal).Replace("。", "！", StringComparison.Ordinal);

        IReadOnlyList<FingerprintMatch> matches = Index().Match(repost);

        FingerprintMatch near = matches.Should().ContainSingle(m => m.Kind == FingerprintMatchKind.NearDuplicate).Subject;
        near.RuleId.Should().Be("simhash:confirmed-1");
        near.Distance.Should().BeLessThanOrEqualTo(FingerprintScoring.MaxSimHashDistance);
        near.Similarity.Should().Be(1 - (near.Distance!.Value / 64.0));
        repost.Substring(near.Start, near.Length).Should().StartWith("转发一下").And.EndWith("及时反映", "the region runs from the first letter to the last");
    }

    [Fact]
    public void A_repost_with_one_letter_in_fifty_changed_throughout_is_a_near_duplicate()
    {
        string disguised = FingerprintMeasurements.Edited(Confirmed, 50);

        Index().Match(disguised).Should().Contain(m => m.Kind == FingerprintMatchKind.NearDuplicate && m.DocumentId == "confirmed-1");
    }

    [Fact]
    public void Different_posts_on_the_same_subject_are_not_near_duplicates()
    {
        const string Other = """
            听说北岭那边最近在施工，北门附近经常封路，晚上还有很多车辆通行，住在附近的朋友出行注意安全。
            另外周末的登山活动改到南山了，报名的朋友请在群里接龙，记得带好水和干粮，有问题随时联系我。
            """;

        Index().Match(Other).Should().NotContain(m => m.Kind == FingerprintMatchKind.NearDuplicate);
        foreach (string text in FingerprintCorpus.SameTopic)
        {
            Index().Match(text).Should().BeEmpty();
        }
    }

    [Fact]
    public void Short_texts_are_left_to_the_passage_hashes()
    {
        Index().Match("试验数据当日封存，两人签字后交办公室保管。").Should().NotContain(m => m.Kind == FingerprintMatchKind.NearDuplicate);
    }
}
