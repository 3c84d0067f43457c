namespace Moderation.Detection.Classification;

/// <summary>What the classifier said about a post: which model, and its calibrated probability of a leak.</summary>
public sealed record ModelScore(string Version, double Probability)
{
    /// <summary>The rule id and category under which the model appears among a verdict's reasons.</summary>
    public const string ReasonRule = "model";

    /// <summary>The model reads the whole post (title and body together), so its reason names no span.</summary>
    public const string ReasonField = "post";

    public string Description => $"Classifier {Version}: probability {Probability:0.000} that the post is leaked classified material";
}
