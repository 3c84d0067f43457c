namespace Moderation.Api.Review.Demo;

/// <summary>Bound from <c>Moderation:Review</c>: whether to submit the demo posts into an empty queue at start.</summary>
public sealed class DemoPostsOptions
{
    public const string Section = Moderation.Storage.Review.ReviewQueueOptions.Section;

    public bool SeedDemoPosts { get; set; }
}
