namespace Moderation.Api.Review.Demo;

/// <summary>Bound from <c>Moderation:Review</c>: whether to submit the demo posts into an empty queue at start.</summary>
public sealed class DemoPostsOptions
{
    public bool SeedDemoPosts { get; set; }
}
