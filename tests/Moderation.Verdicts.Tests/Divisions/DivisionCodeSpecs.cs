using Moderation.Verdicts.Divisions;

namespace Moderation.Verdicts.Tests.Divisions;

public sealed class DivisionCodeSpecs
{
    [Theory]
    [InlineData("110105", new[] { "110105", "110100", "110000", "100000" })]
    [InlineData("330100", new[] { "330100", "330000", "100000" })]
    [InlineData("330000", new[] { "330000", "100000" })]
    [InlineData("100000", new[] { "100000" })]
    public void Routing_walks_from_the_county_up_to_the_central_level(string code, string[] walk) =>
        DivisionCode.SelfAndAncestors(code).Should().Equal(walk);

    [Theory]
    [InlineData("110105", true)]
    [InlineData("820000", true)]
    [InlineData("100000", true)]
    [InlineData("000000", false)]
    [InlineData("110005", false)]
    [InlineData("1101050", false)]
    [InlineData("11010a", false)]
    public void Division_codes_are_validated_against_gb_t_2260(string code, bool valid) =>
        DivisionCode.IsValid(code).Should().Be(valid);

    [Theory]
    [InlineData("110000", "110105", true)]
    [InlineData("110100", "110105", true)]
    [InlineData("110100", "110228", false)]
    [InlineData("110105", "110105", true)]
    [InlineData("110105", "110106", false)]
    [InlineData("110000", "1101", false)]
    public void Areas_cover_the_divisions_below_them(string area, string division, bool covered) =>
        DivisionCode.Covers(area, division).Should().Be(covered);

    [Theory]
    [InlineData("110105")]
    [InlineData("330100")]
    [InlineData("650000")]
    [InlineData("820000")]
    [InlineData("100000")]
    public void The_central_code_covers_every_area(string division) =>
        DivisionCode.Covers(DivisionCode.Central, division).Should().BeTrue();

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("990101")]
    [InlineData("11010")]
    public void A_code_that_is_no_division_lies_in_no_area_not_even_the_central_one(string? division)
    {
        DivisionCode.AreasOf(division).Should().BeEmpty();
        DivisionCode.Covers(DivisionCode.Central, division).Should().BeFalse();
    }

    [Fact]
    public void A_division_lies_in_its_own_area_and_every_one_above_it() =>
        DivisionCode.AreasOf("110105").Should().Equal("110105", "110100", "110000", "100000");

    [Theory]
    [InlineData("100000", "", "%")]
    [InlineData("110000", "11", "11%")]
    [InlineData("110100", "1101", "1101%")]
    [InlineData("110105", "110105", "110105")]
    public void An_area_has_one_prefix_and_one_pattern_for_the_codes_within_it(string area, string prefix, string pattern)
    {
        DivisionCode.AreaPrefix(area).Should().Be(prefix);
        DivisionCode.AreaPattern(area).Should().Be(pattern);
    }

    [Theory]
    [InlineData(true, null, "100000")]
    [InlineData(true, "110105", "100000")]
    [InlineData(false, "110100", "110100")]
    [InlineData(false, "100000", "100000")]
    [InlineData(false, "11010", null)]
    [InlineData(false, null, null)]
    public void An_administrator_acts_everywhere_an_officer_in_a_valid_division_and_anyone_else_nowhere(bool administrator, string? division, string? area) =>
        Jurisdiction.AreaOf(administrator, division).Should().Be(area);
}
