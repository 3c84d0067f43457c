using Moderation.Detection;

namespace Moderation.Detection.Tests;

/// <summary>The marking formats, document furniture and military language the default rule set is for.</summary>
public sealed class DefaultRuleCoverageTests
{
    private static readonly DetectionEngine Engine = DetectionEngine.CreateDefault();

    [Theory]
    [InlineData("密级：秘密 保密期限：5年 不得外传", "retention-period")]
    [InlineData("秘密★1年 第3份/共20份", "copy-number")]
    [InlineData("机密★10年 共印50份", "copy-number")]
    [InlineData("绝密★长期 导弹阵地位于北纬39°54′ 东经116°23′", "coordinates")]
    [InlineData("内部资料 发射阵地坐标 39.904211, 116.407395", "coordinates")]
    [InlineData("机密★5年 部队驻地已调整", "military-deployment")]
    public void Document_furniture_and_military_language_beside_a_marking_is_removed(string body, string rule)
    {
        var result = Engine.Scan(new ScanInput(null, body));

        result.Findings.Should().Contain(f => f.RuleId == rule);
        result.Decision.Should().Be(Decision.Remove, string.Join("; ", result.Findings.Select(f => $"{f.RuleId} {f.Weight}")));
    }

    [Theory]
    [InlineData("密级：秘密 保密期限：5年")]
    [InlineData("【机密】明天上午开会")]
    public void A_classified_header_alone_is_held(string body) =>
        Engine.Scan(new ScanInput(null, body)).Decision.Should().Be(Decision.Hold);

    [Theory]
    [InlineData("故宫位于北纬39°54′，东经116°23′，欢迎参观。")]
    [InlineData("导航坐标 39.904211, 116.407395 就是天安门")]
    [InlineData("本次讲座资料共印50份，先到先得。")]
    [InlineData("新闻：某国导弹阵地卫星照片公开")]
    public void Coordinates_copy_counts_and_news_words_alone_are_published(string body) =>
        Engine.Scan(new ScanInput(null, body)).Decision.Should().Be(Decision.Publish);

    [Fact]
    public void The_context_that_made_coordinates_strong_is_explained()
    {
        const string body = "绝密★长期 北纬39°54′";

        var coordinates = Engine.Scan(new ScanInput(null, body)).Findings.Single(f => f.RuleId == "coordinates");

        coordinates.Weight.Should().Be(0.55);
        coordinates.Context.Should().Be("raised from 0.15 to 0.55 by secrecy-marking 'marking-with-period' at body 0");
        body.Substring(coordinates.Start, coordinates.Length).Should().Be("北纬39°54′");
    }
}
