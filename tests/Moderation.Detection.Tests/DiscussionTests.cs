namespace Moderation.Detection.Tests;

/// <summary>
/// Posts that talk about secrecy rather than carry a secret (quizzes, the marking's format explained,
/// court cases, games, surprises among friends): their evidence is lowered, markings included, and a
/// person decides before any of them is reported. A leak that merely mentions such things is still caught.
/// </summary>
public class DiscussionTests
{
    private static readonly DetectionEngine Engine = DetectionEngine.CreateDefault();

    [Fact]
    public void A_secrecy_quiz_quoting_a_full_marking_is_never_removed_and_the_verdict_says_why()
    {
        const string quiz = "【每日一题】下列标注方式中，哪一个符合国家秘密标志的规范格式？ A. 机密10年 B. 机密★10年 C. ★机密10年 正确答案：B。密级在前，★居中，保密期限在后。";

        ScanResult result = Engine.Scan(new ScanInput(null, quiz));

        result.Decision.Should().NotBe(Decision.Remove);
        result.Findings.Should().Contain(f => f.Category == RuleCategories.Discussion && f.Context!.Contains("never removed", StringComparison.Ordinal));
        result.Findings.Should().Contain(f => f.RuleId == "marking-with-period" && f.Context!.Contains("lowered", StringComparison.Ordinal) && f.Weight < 0.75);
    }

    [Fact]
    public void The_same_marking_without_the_quiz_is_removed()
    {
        ScanResult result = Engine.Scan(new ScanInput(null, "机密★10年 内部资料 注意保密\n关于调整边境口岸值守力量的通知，请各单位于本月底前落实。"));

        result.Decision.Should().Be(Decision.Remove);
    }

    [Fact]
    public void A_post_that_scores_for_removal_but_discusses_secrecy_is_held_with_that_basis()
    {
        // A department's rule set whose discussion rule is too weak to bring two markings under removal.
        RuleSet rules = RuleSet.Parse("""
            { "version": "t", "rules": [
              { "id": "level", "category": "secrecy-marking", "kind": "terms", "terms": ["机密★"], "weight": 0.95, "description": "level" },
              { "id": "quiz", "category": "discussion", "kind": "terms", "terms": ["每日一题"], "weight": 0.02, "description": "quiz" } ] }
            """);

        ScanResult result = new DetectionEngine(rules).Scan(new ScanInput(null, "每日一题：机密★10年 是什么意思？"));

        result.Score.Should().BeGreaterThanOrEqualTo(DecisionThresholds.Default.Remove);
        result.Decision.Should().Be(Decision.Hold);
        result.Basis.Should().Contain("discusses secrecy").And.Contain("'quiz'");
        new DetectionEngine(rules).Scan(new ScanInput(null, "机密★10年 是什么意思？")).Decision.Should().Be(Decision.Remove, "without the quiz the same marking removes");
    }

    [Theory]
    [InlineData("老公生日在下周六，我偷偷订了他最想去的那家日料🤫 群里的各位嫂子注意保密啊，别让你们家那位提前透露！")]
    [InlineData("公会内部群公告：周四晚9点开荒新副本，战术板已上传群文件，别外传给对面公会")]
    [InlineData("新员工入职培训资料，标着“内部培训资料 请勿外传”，主要讲报销流程和考勤制度")]
    public void A_secret_kept_among_friends_colleagues_or_players_is_published(string body)
    {
        Engine.Scan(new ScanInput(null, body)).Decision.Should().Be(Decision.Publish);
    }

    [Theory]
    [InlineData("副本打完了顺便说一句，我姐夫单位那份机密★10年的边防部署调整方案，我拍了原件，群里谁要？")]
    [InlineData("秘密★1年 望政密〔2024〕3号 有人把这个发到了业主群，是市政府关于老城区拆迁补偿内部掌握标准的")]
    public void A_leak_that_mentions_a_game_or_a_neighbourhood_is_still_caught(string body)
    {
        Engine.Scan(new ScanInput(null, body)).Decision.Should().NotBe(Decision.Publish);
    }

    [Fact]
    public void Discussion_cannot_be_made_a_corroborating_category()
    {
        Action parse = () => RuleSet.Parse("""
            { "version": "t", "policy": { "removeRequires": { "corroboratingCategories": ["discussion"] } },
              "rules": [ { "id": "r", "category": "discussion", "kind": "terms", "terms": ["quiz"], "weight": 0.5, "description": "d" } ] }
            """);

        parse.Should().Throw<RuleSetException>().WithMessage("*discussion*not a category that can corroborate*");
    }
}
