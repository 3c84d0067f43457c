namespace Moderation.Detection.Tests;

public class DecisionThresholdsTests
{
    [Fact]
    public void Default_holds_at_half_and_removes_at_ninety_percent()
    {
        DecisionThresholds.Default.Should().Be(new DecisionThresholds(0.5, 0.9));
    }

    [Theory]
    [InlineData(0.0, Decision.Publish)]
    [InlineData(0.4999, Decision.Publish)]
    [InlineData(0.5, Decision.Hold)]
    [InlineData(0.8999, Decision.Hold)]
    [InlineData(0.9, Decision.Remove)]
    [InlineData(1.0, Decision.Remove)]
    public void A_score_at_a_threshold_takes_the_stricter_decision(double score, Decision expected)
    {
        DecisionThresholds.Default.Decide(score).Should().Be(expected);
    }

    [Theory]
    [InlineData(0.0, 0.9, "Hold")]
    [InlineData(-0.1, 0.9, "Hold")]
    [InlineData(1.1, 1.0, "Hold")]
    [InlineData(double.NaN, 0.9, "Hold")]
    [InlineData(0.6, 0.5, "Remove")]
    [InlineData(0.5, 1.5, "Remove")]
    public void Thresholds_outside_zero_hold_remove_one_are_rejected(double hold, double remove, string parameter)
    {
        Action create = () => _ = new DecisionThresholds(hold, remove);

        create.Should().Throw<ArgumentOutOfRangeException>()
            .Which.ParamName.Should().Be(parameter);
    }

    [Fact]
    public void Hold_and_remove_may_be_equal()
    {
        new DecisionThresholds(0.7, 0.7).Decide(0.7).Should().Be(Decision.Remove);
    }
}
