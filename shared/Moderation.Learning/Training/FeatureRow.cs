using Microsoft.ML.Data;

namespace Moderation.Learning.Training;

/// <summary>One row for ML.NET: a post's L2-normalised n-gram counts over the vocabulary and, when training, its label.</summary>
internal sealed class FeatureRow
{
    public bool Label { get; set; }

    public VBuffer<float> Features { get; set; }
}
