namespace Moderation.Detection.Scoring;

/// <summary>A rule hit already mapped back to the original text of its field.</summary>
internal readonly record struct RuleHit(int RuleIndex, TextField Field, int Start, int Length)
{
    public int End => Start + Length;
}
