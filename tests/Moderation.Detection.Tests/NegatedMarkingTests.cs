using FluentAssertions;
using Xunit;

namespace Moderation.Detection.Tests;

/// <summary>
/// A level said of something in hand (带密级, 机密的) is evidence; the same words denied (没有密级,
/// 没啥机密的) say the opposite and are not.
/// </summary>
public sealed class NegatedMarkingTests
{
    private static readonly DetectionEngine Engine = DetectionEngine.CreateDefault();

    [Theory]
    [InlineData("打印版的单位通讯录，没有密级标志，可以放家里吗")]
    [InlineData("是否涉密要看有没有密级标志，文号不说明什么")]
    [InlineData("这期内刊就是员工风采，没啥机密的")]
    [InlineData("那份表格不是机密的，随便看")]
    [InlineData("旧书网上这本无密级的手册")]
    public void A_denied_level_is_no_marking(string text)
    {
        Engine.Scan(new ScanInput(null, text)).Findings.Should().NotContain(f => f.RuleId == "marking-level-attribute");
    }

    [Theory]
    [InlineData("带密级的那份我拍了")]
    [InlineData("这是机密的，别外传")]
    [InlineData("他手里有密级文件")]
    public void An_affirmed_level_is_still_a_marking(string text)
    {
        Engine.Scan(new ScanInput(null, text)).Findings.Should().Contain(f => f.RuleId == "marking-level-attribute");
    }
}
