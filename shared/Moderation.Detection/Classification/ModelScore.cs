namespace Moderation.Detection.Classification;

/// <summary>What the classifier said about a post: which model, and its calibrated probability of a leak.</summary>
/// <param name="Probability">At the policy's base rate of leaks, after counter-evidence: what is fused.</param>
/// <param name="Uncalibrated">As trained, at the training corpus's share of leaks.</param>
/// <param name="BaseRate">The share of leaks <paramref name="Probability"/> is calibrated to.</param>
/// <param name="Weight">What the model weighs in the fusion, on the rules' scale (<see cref="ScanPolicy.ModelEvidence"/>); its probability when unset.</param>
public sealed record ModelScore(string Version, double Probability, double? Uncalibrated = null, double? BaseRate = null, double? Weight = null)
{
    /// <summary>The weight a verdict's model reason carries: what the model added to the score.</summary>
    public double Evidence => Weight ?? Probability;

    /// <summary>The rule id and category under which the model appears among a verdict's reasons.</summary>
    public const string ReasonRule = "model";

    /// <summary>The model reads the whole post (title and body together), so its reason names no span.</summary>
    public const string ReasonField = "post";

    public string Description => BaseRate is { } rate && Uncalibrated is { } raw
        ? $"Classifier {Version}: probability {Probability:0.000} that the post is leaked classified material, at a base rate of {rate:0.####} ({raw:0.000} on its training corpus)"
        : $"Classifier {Version}: probability {Probability:0.000} that the post is leaked classified material";
}
