namespace Moderation.Learning.Corpus;

/// <summary>
/// Splits are assigned per template family, never per example: the test split holds families the
/// training split never saw, so its figures measure generalisation rather than memory.
/// </summary>
public static class CorpusSplits
{
    public const string Train = "train";
    public const string Test = "test";
}
