namespace Moderation.Detection;

/// <summary>
/// How evidence becomes an action, carried by the rule set so that a department tunes it like its
/// rules (<c>"policy"</c> in the rule set JSON):
/// <list type="bullet">
/// <item><see cref="Thresholds"/>: the fused score at which a post is held or removed.</item>
/// <item><see cref="ModelBaseRate"/>: the share of leaks among the posts a forum really carries. The
/// classifier learned on a corpus that is nearly half leaks; its probability is moved to this prior
/// (Bayes' rule on the odds), so a post that merely sounds official is not taken for a secret.</item>
/// <item><see cref="ModelHold"/>: the calibrated probability at which the model alone holds a post for
/// a person to look at (0.05: at one leak in a thousand posts, one held post in twenty is a leak). The
/// model's evidence in the fusion is its odds against this, on the rules' scale
/// (<see cref="ModelEvidence"/>), so a model halfway there and a weak rule together reach hold.</item>
/// <item>Removal needs corroboration: a strong hit (<see cref="StrongWeight"/> or more) of a
/// <see cref="CorroboratingCategories">corroborating category</see> (a secrecy marking, a foreign
/// control marking, a protected document's fingerprint), or strong hits of
/// <see cref="IndependentCategories"/> different rule categories. The model alone never removes:
/// removal reports the post to the security department, and that needs evidence a person can point at.</item>
/// <item>Counter-evidence (rules of category <c>public-release</c>) lowers every other piece of
/// evidence and the model, but never a corroborating one: a leak that mentions 公告 is still caught.</item>
/// </list>
/// </summary>
public sealed record ScanPolicy(
    DecisionThresholds Thresholds,
    double ModelBaseRate,
    double ModelHold,
    IReadOnlyList<string> CorroboratingCategories,
    double StrongWeight,
    int IndependentCategories)
{
    public static ScanPolicy Default { get; } = new(
        DecisionThresholds.Default,
        ModelBaseRate: 0.001,
        ModelHold: 0.05,
        CorroboratingCategories: [RuleCategories.SecrecyMarking, RuleCategories.ForeignBanner, RuleCategories.Fingerprint],
        StrongWeight: 0.6,
        IndependentCategories: 2);

    internal int CorroboratingMask { get; } = CorroboratingCategories.Aggregate(0, static (mask, c) => mask | RuleCategories.BitOf(c));

    /// <summary>Whether a counted piece of evidence can, on its own, justify removal and is spared by counter-evidence.</summary>
    /// <remarks>Only a rule strong on its own corroborates: a weak one raised by its context (a 机密件 beside 截图) is circumstantial, and holds.</remarks>
    internal bool Corroborates(Rule rule, double weight) => (CorroboratingMask & rule.CategoryBit) != 0 && weight >= StrongWeight && rule.Weight >= StrongWeight;

    /// <summary>
    /// The model's calibrated probability as evidence on the rules' scale: its odds measured against the
    /// odds of <see cref="ModelHold"/>, put on the hold threshold's odds. At <see cref="ModelHold"/> the
    /// model weighs exactly the hold threshold; each doubling of its odds doubles the evidence's odds, so
    /// a model twice as sure is not yet certain (as a straight proportion, capped at 1, would make it).
    /// </summary>
    public double ModelEvidence(double calibratedProbability)
    {
        if (calibratedProbability <= 0)
        {
            return 0;
        }

        if (calibratedProbability >= 1)
        {
            return 1;
        }

        double logit = Logit(calibratedProbability) - Logit(ModelHold) + Logit(Thresholds.Hold);
        return 1 / (1 + Math.Exp(-logit));
    }

    private static double Logit(double p) => Math.Log(p / (1 - p));

    /// <summary>
    /// The classifier's probability moved from the prior it was trained at to <see cref="ModelBaseRate"/>:
    /// the odds are multiplied by the ratio of the two priors' odds.
    /// </summary>
    public double Calibrate(double probability, double trainingPrior)
    {
        if (trainingPrior is <= 0 or >= 1 || probability is <= 0 or >= 1)
        {
            return probability;
        }

        double logit = Logit(probability) + Logit(ModelBaseRate) - Logit(trainingPrior);
        return 1 / (1 + Math.Exp(-logit));
    }
}
