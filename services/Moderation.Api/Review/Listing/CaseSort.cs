using Moderation.Storage.Review;

namespace Moderation.Api.Review.Listing;

/// <summary>Queue orders, each served by an index so paging stays one range scan.</summary>
public enum CaseSort
{
    /// <summary>Soonest due first: score and age together (<see cref="ReviewPriority"/>).</summary>
    Priority,

    /// <summary>Highest score first.</summary>
    Score,

    /// <summary>Longest waiting first.</summary>
    Oldest,
}
