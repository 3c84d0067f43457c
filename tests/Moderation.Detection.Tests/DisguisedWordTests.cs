using FluentAssertions;
using Xunit;

namespace Moderation.Detection.Tests;

/// <summary>
/// A watched word written in disguise is evidence of its own (rules with <c>writtenAs: disguise</c>), while
/// the same word written plainly, or in a normal variant of writing, is not.
/// </summary>
public sealed class DisguisedWordTests
{
    private static readonly DetectionEngine Engine = DetectionEngine.CreateDefault();

    [Theory]
    [InlineData("机💣密 撤离图", "disguised-level")]
    [InlineData("秘.密 的东西别在群里说", "disguised-level")]
    [InlineData("秘\u200b密 那个表格", "disguised-level")]
    [InlineData("標頭是 機·密，國防動員", "disguised-level")]
    [InlineData("<b>机</b><b>密</b> 的测试数据", "disguised-level")]
    [InlineData("anyone want the ТОР SЕСRЕТ deck", "disguised-banner")]
    [InlineData("ΤΟΡ ΣΕCRΕΤ // ΝΟFΟRΝ inventory", "disguised-banner")]
    [InlineData("T0P S3CR3T briefing", "disguised-banner")]
    [InlineData("𝕋𝕆ℙ 𝕊𝔼ℂℝ𝔼𝕋 — SIGINT summary", "disguised-banner")]
    [InlineData("Ⓢⓔⓒⓡⓔⓣ lol, here is the threat assessment", "disguised-banner")]
    [InlineData("c o n f i d e n t i a l audit", "disguised-banner")]
    [InlineData("T\nO\nP\n\nS\nE\nC\nR\nE\nT\n\nsat pass schedule", "disguised-banner")]
    [InlineData("内.部.资.料 不要外传", "disguised-internal")]
    public void A_disguised_word_is_evidence_to_hold(string text, string ruleId)
    {
        ScanResult result = Engine.Scan(new ScanInput(null, text));

        result.Findings.Should().Contain(f => f.RuleId == ruleId);
        result.Decision.Should().NotBe(Decision.Publish);
    }

    [Theory]
    [InlineData("我心里有个秘密，不告诉你")]
    [InlineData("秘密花园真好看")]
    [InlineData("機密這個詞怎麼翻譯")]
    [InlineData("Top secret: I got the job!")]
    [InlineData("TOP SECRET recipe")]
    [InlineData("ＴＯＰ ＳＥＣＲＥＴ 这个词什么意思")]
    [InlineData("<b>机密</b>是一个词")]
    [InlineData("机 密 码 锁")]
    [InlineData("The letter was marked confidential by the lawyer.")]
    public void A_plainly_written_word_is_not_a_disguise(string text)
    {
        Engine.Scan(new ScanInput(null, text)).Findings.Should().NotContain(f => f.RuleId.StartsWith("disguised-", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("JWT_SECRET=changeme in the .env got pushed")]
    [InlineData("naming the flag TOP_SECRET_NEW_CHECKOUT is not clever")]
    [InlineData("export AWS_SECRET_ACCESS_KEY before you run it")]
    public void Capitals_joined_into_a_name_in_code_are_not_a_printed_level(string text)
    {
        Engine.Scan(new ScanInput(null, text)).Findings.Should().NotContain(f => f.RuleId == "banner-level-capitals");
    }

    [Theory]
    [InlineData("TOP_SECRET//NOFORN annex, photographed it")]
    [InlineData("the report is SECRET, annex B attached")]
    public void Capitals_standing_alone_are_still_a_printed_level(string text)
    {
        Engine.Scan(new ScanInput(null, text)).Findings.Should().Contain(f => f.RuleId == "banner-level-capitals");
    }

    [Fact]
    public void Only_term_rules_can_ask_how_a_term_was_written_and_only_in_known_ways()
    {
        const string pattern = """{"version":"v","rules":[{"id":"p","category":"custom","kind":"pattern","pattern":"x+","weight":0.5,"description":"d","writtenAs":"disguise"}]}""";
        const string unknownWriting = """{"version":"v","rules":[{"id":"t","category":"custom","kind":"terms","terms":["x"],"weight":0.5,"description":"d","writtenAs":"yes"}]}""";

        FluentActions.Invoking(() => RuleSet.Parse(pattern)).Should().Throw<RuleSetException>().WithMessage("*'writtenAs' belongs to rules of kind 'terms'*");
        FluentActions.Invoking(() => RuleSet.Parse(unknownWriting)).Should().Throw<RuleSetException>().WithMessage("*'writtenAs' must be*");
    }

    [Theory]
    [InlineData("The report is SECRET so you'll only get the cleaned-up summary.", true)]
    [InlineData("that's from the SECRET annex, use 'several hundred'", true)]
    [InlineData("Top secret: I got the job!", false)]
    [InlineData("can you keep a secret? we're engaged", false)]
    public void A_level_in_capitals_is_a_classification_where_the_casual_word_is_not(string text, bool capitals)
    {
        bool found = Engine.Scan(new ScanInput(null, text)).Findings.Any(f => f.RuleId == "banner-level-capitals");

        found.Should().Be(capitals);
    }
}
