namespace Moderation.Learning.Corpus;

/// <summary>The two labels: leaked classified material, or anything else.</summary>
public static class CorpusLabels
{
    public const string Secret = "secret";
    public const string Clean = "clean";
}
