namespace Moderation.Learning.Training;

/// <summary>One row for ML.NET: the model text and, when training, its label.</summary>
internal sealed class ModelInput
{
    public string Text { get; set; } = "";

    public bool Label { get; set; }
}
