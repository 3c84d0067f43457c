namespace Moderation.Detection;

/// <summary>
/// Maps a score to a <see cref="Decision"/>: at or above <see cref="Remove"/> the post is removed,
/// at or above <see cref="Hold"/> it is held for review, otherwise published.
/// Requires 0 &lt; Hold &lt;= Remove &lt;= 1; a Hold of 0 would hold every clean post.
/// </summary>
public sealed record DecisionThresholds(double Hold, double Remove)
{
    // Get-only (no init) so a `with` expression cannot bypass the validation below.
    public double Hold { get; } = Hold is > 0 and <= 1
        ? Hold
        : throw new ArgumentOutOfRangeException(nameof(Hold), Hold, "The hold threshold must be greater than 0 and at most 1.");

    public double Remove { get; } = Remove >= Hold && Remove <= 1
        ? Remove
        : throw new ArgumentOutOfRangeException(nameof(Remove), Remove, $"The remove threshold must be at least the hold threshold ({Hold}) and at most 1.");

    /// <summary>Hold at 0.5, remove at 0.9: a full secrecy marking alone is held, a marking with corroborating evidence is removed.</summary>
    public static DecisionThresholds Default { get; } = new(0.5, 0.9);

    public Decision Decide(double score) =>
        score >= Remove ? Decision.Remove
        : score >= Hold ? Decision.Hold
        : Decision.Publish;
}
