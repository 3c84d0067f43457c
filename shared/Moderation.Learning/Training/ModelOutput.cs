namespace Moderation.Learning.Training;

/// <summary>What the classifier adds to a row: the calibrated probability that the post is a leak.</summary>
internal sealed class ModelOutput
{
    public float Probability { get; set; }
}
