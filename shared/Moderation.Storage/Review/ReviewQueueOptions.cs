namespace Moderation.Storage.Review;

/// <summary>Bound from configuration section <c>Moderation:Review</c>.</summary>
public sealed class ReviewQueueOptions
{
    public const string Section = "Moderation:Review";

    /// <summary>
    /// How long a case of score 0.5 may wait for a decision. Higher scores get less (down to half
    /// at score 1), so the most suspicious posts come first among cases of the same age.
    /// </summary>
    public TimeSpan Sla { get; set; } = TimeSpan.FromHours(4);

    /// <summary>How long a claim holds a case for one moderator before it returns to the queue.</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(10);
}
