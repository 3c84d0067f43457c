namespace Moderation.Learning.Evaluation;

/// <summary>Combines the rule score and the model probability.</summary>
public static class Fusion
{
    public static double Combine(FusionMethod method, double rules, double model) => method switch
    {
        FusionMethod.NoisyOr => Math.Clamp(1 - ((1 - rules) * (1 - model)), 0, 1),
        FusionMethod.Max => Math.Max(rules, model),
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, null),
    };
}
