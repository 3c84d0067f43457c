namespace Moderation.Learning.Evaluation;

/// <summary>How the rule score and the model probability become the one score users get.</summary>
public enum FusionMethod
{
    /// <summary>1 − (1 − rules)(1 − model): independent evidence adds up, as rule hits do among themselves.</summary>
    NoisyOr,

    /// <summary>The larger of the two: neither signal can lift the other.</summary>
    Max,
}
