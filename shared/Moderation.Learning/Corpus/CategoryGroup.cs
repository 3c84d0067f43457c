namespace Moderation.Learning.Corpus;

/// <summary>How the evaluation groups categories: leaks (recall), ordinary talk and near-misses (false positives).</summary>
public enum CategoryGroup
{
    Leak,
    Ordinary,
    NearMiss,
}
