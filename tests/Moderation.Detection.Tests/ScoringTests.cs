namespace Moderation.Detection.Tests;

/// <summary>How findings combine into a score and a decision with the default rules and thresholds.</summary>
public class ScoringTests
{
    private static readonly DetectionEngine Engine = DetectionEngine.CreateDefault();

    private static ScanResult Scan(string body, string? title = null) => Engine.Scan(new ScanInput(title, body));

    [Fact]
    public void Clean_text_is_published_with_score_zero_and_the_rule_set_version()
    {
        ScanResult result = Scan("今天天气很好，我们去公园散步。");

        result.Should().BeEquivalentTo(new ScanResult(0, Decision.Publish, [], RuleSet.LoadDefault().Version));
    }

    [Fact]
    public void A_full_marking_alone_is_held()
    {
        ScanResult result = Scan("机密★10年");

        result.Score.Should().BeApproximately(0.75, 1e-9);
        result.Decision.Should().Be(Decision.Hold);
    }

    [Fact]
    public void A_marking_with_an_internal_circulation_phrase_is_removed()
    {
        ScanResult result = Scan("机密★10年\n内部资料 请勿上网");

        result.Decision.Should().Be(Decision.Remove);
        result.Findings.Should().Contain(f => f.RuleId == "internal-distribution" && f.Weight == 0.65,
            "the phrase next to a marking carries its context weight");
        result.Findings.Should().Contain(f => f.RuleId == "internal-handling-said" && f.Weight == 0.65,
            "请勿上网 is a handling instruction, raised by the marking too");
        result.Score.Should().BeApproximately(1 - (0.25 * 0.35 * 0.35), 1e-9);
        result.Basis.Should().Contain("secrecy-marking 'marking-with-period'", "the verdict names what corroborates the removal");
    }

    [Fact]
    public void A_marking_with_a_document_number_is_removed()
    {
        ScanResult result = Scan("绝密★长期\n中办发〔2024〕3号\n关于……的通知");

        result.Decision.Should().Be(Decision.Remove);
        result.Findings.Single(f => f.Category == RuleCategories.DocumentNumber).Weight.Should().Be(0.8);
    }

    [Fact]
    public void A_document_number_with_an_internal_circulation_phrase_is_two_independent_categories_of_strong_evidence_and_removed()
    {
        ScanResult result = Scan("内部文件 京政发〔2024〕1号");

        result.Score.Should().BeApproximately(1 - (0.35 * 0.2), 1e-9);
        result.Decision.Should().Be(Decision.Remove);
        result.Basis.Should().Contain("document-number").And.Contain("internal-circulation");
    }

    [Fact]
    public void A_document_number_far_from_the_marking_stays_weak()
    {
        string body = "秘密★5年\n" + new string('文', 400) + "国办发〔2024〕12号";

        ScanResult result = Scan(body);

        result.Findings.Single(f => f.Category == RuleCategories.DocumentNumber).Weight.Should().Be(0.2);
        result.Decision.Should().Be(Decision.Hold);
    }

    [Fact]
    public void A_marking_in_the_title_is_context_for_the_body()
    {
        ScanResult result = Scan("国办发〔2024〕12号 正文如下", title: "机密★10年 会议纪要");

        result.Decision.Should().Be(Decision.Remove);
        result.Findings.Where(f => f.Category is RuleCategories.SecrecyMarking or RuleCategories.DocumentNumber).Select(f => f.Field)
            .Should().Equal(TextField.Title, TextField.Body);
    }

    [Fact]
    public void Two_different_internal_circulation_phrases_are_held()
    {
        ScanResult result = Scan("内部资料，不得外传");

        result.Score.Should().BeApproximately(1 - (0.65 * 0.65), 1e-9);
        result.Decision.Should().Be(Decision.Hold);
    }

    [Fact]
    public void A_repeated_weak_phrase_counts_once_but_every_span_is_reported()
    {
        const string Body = "内部资料 内部资料 内部资料 内部资料";

        ScanResult result = Scan(Body);

        result.Score.Should().BeApproximately(0.35, 1e-9);
        result.Decision.Should().Be(Decision.Publish);
        result.Findings.Select(f => f.Start).Should().Equal(0, 5, 10, 15);
    }

    [Fact]
    public void Overlapping_markings_are_one_piece_of_evidence()
    {
        ScanResult result = Scan("密级：机密★10年");

        result.Findings.Select(f => f.RuleId).Should().BeEquivalentTo("marking-level-field", "marking-with-period");
        result.Score.Should().BeApproximately(0.75, 1e-9);
        result.Decision.Should().Be(Decision.Hold);
    }

    [Fact]
    public void Findings_are_ordered_by_field_then_start()
    {
        ScanResult result = Scan("注意保密 秘密★5年 内部资料", title: "内部文件");

        result.Findings.Select(f => (f.Field, f.Start)).Should().Equal(
            (TextField.Title, 0), (TextField.Body, 0), (TextField.Body, 5), (TextField.Body, 11));
    }

    [Fact]
    public void Findings_carry_the_rule_description_and_category()
    {
        Finding finding = Scan("严禁复制").Findings.Should().ContainSingle().Subject;

        finding.Should().BeEquivalentTo(new Finding(
            "internal-handling", RuleCategories.InternalCirculation, TextField.Body, 0, 4, 0.35,
            "Handling instruction for restricted material (不得外传, 阅后收回, do not distribute)"));
    }

    [Fact]
    public void Thresholds_decide_between_publish_hold_and_remove()
    {
        var strict = new DetectionEngine(RuleSet.LoadDefault(), new DecisionThresholds(0.3, 0.5));

        strict.Scan(new ScanInput(null, "内部资料")).Decision.Should().Be(Decision.Hold);
        strict.Scan(new ScanInput(null, "机密★10年")).Decision.Should().Be(Decision.Remove);
        strict.Scan(new ScanInput(null, "你好")).Decision.Should().Be(Decision.Publish);
    }

    [Fact]
    public void Score_never_exceeds_one()
    {
        ScanResult result = Scan("绝密★长期 密级：绝密 【绝密】 国办发〔2024〕1号 内部资料 不得外传 61398部队 兵力部署 TOP SECRET//NOFORN");

        result.Score.Should().BeInRange(0.99, 1);
        result.Decision.Should().Be(Decision.Remove);
    }
}
